//! Accessibility mode (issue 9): read aloud, controls within reach, the idle chime.
//!
//! Pure: `script` (what each screen says), `words` (figures as words), `reader` (the
//! paragraph player), `reach` (where controls may sit) and the chime's samples in `chime`.
//! Platform: `speech` (the system's speech service) and `sound` (playing the chime).

pub mod chime;
pub use crate::content::reach;
pub mod reader;
pub mod script;
pub mod sound;
pub mod speech;
pub mod threaded;
mod words;

pub use reader::{FakeSpeaker, PlayState, Reader, SpeakError, Speaker, SpeakerCall};
pub use script::{MapCard, Paragraph, ParagraphKind, Script, ScriptScreen, build_script};
pub use words::{speak_figure, speak_quantity};
