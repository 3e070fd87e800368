//! The decoder threads' side: a request in, a decoded picture (or why not) out.

use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use egui::ColorImage;

use super::Key;
use super::decode::{decode, decode_verified};
use crate::content::VerifiedFiles;

/// One picture to decode.
pub(super) struct Request {
    /// The file (resolved when the content was loaded) and its look.
    pub(super) key: Key,
    /// Largest side to decode to, in pixels.
    pub(super) max_side: u32,
    /// Which request of the file this is; only the latest one's result is kept.
    pub(super) generation: u64,
    /// The signed hashes the file must match, for signed content.
    pub(super) verified: Option<Arc<VerifiedFiles>>,
}

/// What a decoder made of a request.
pub(super) struct Decoded {
    /// The file and its look.
    pub(super) key: Key,
    /// The request's generation.
    pub(super) generation: u64,
    /// The picture, or why it cannot be shown.
    pub(super) result: Result<ColorImage, String>,
}

/// Decodes what `requests` asks for until the app goes away; wakes the UI after each.
pub(super) fn decoder_loop(
    requests: &Mutex<Receiver<Request>>,
    decoded: &Sender<Decoded>,
    ctx: &egui::Context,
) {
    loop {
        let request = {
            let Ok(requests) = requests.lock() else {
                return;
            };
            match requests.recv() {
                Ok(request) => request,
                Err(_) => return,
            }
        };
        let path = &request.key.path;
        let mut result = match &request.verified {
            None => decode(path, request.max_side),
            Some(verified) => decode_verified(path, request.max_side, verified),
        };
        if let (Ok(image), Some(scrim)) = (&mut result, &request.key.scrim) {
            scrim.apply(image);
        }
        let sent = decoded.send(Decoded {
            key: request.key,
            generation: request.generation,
            result,
        });
        if sent.is_err() {
            return;
        }
        ctx.request_repaint();
    }
}
