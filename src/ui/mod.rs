//! Drawing: pure layout, widgets and one module per screen (the design tokens are `crate::tokens`, the colours and type `theme`).

pub mod a11y_ui;
mod attract_motion;
pub mod attract_ui;
pub mod credits_ui;
pub mod dock_ui;
pub mod home_ui;
pub mod layout;
pub mod prompt_ui;
pub mod section_ui;
pub mod staff_ui;
pub mod theme;
pub mod typeset;
pub mod video_ui;
pub mod view;
pub mod widgets;

pub use attract_motion::{attract_scrim, install_gl_picture};
