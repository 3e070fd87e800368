//! The decoder threads' side: a request in, a decoded picture (or why not) out.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use egui::ColorImage;

use super::decode::{decode, decode_verified};
use crate::content::VerifiedFiles;

/// One picture to decode.
pub(super) struct Request {
    /// The file (resolved when the content was loaded).
    pub(super) path: PathBuf,
    /// Largest side to decode to, in pixels.
    pub(super) max_side: u32,
    /// Which request of the file this is; only the latest one's result is kept.
    pub(super) generation: u64,
    /// The signed hashes the file must match, for signed content.
    pub(super) verified: Option<Arc<VerifiedFiles>>,
}

/// What a decoder made of a request.
pub(super) struct Decoded {
    /// The file.
    pub(super) path: PathBuf,
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
        let result = match &request.verified {
            None => decode(&request.path, request.max_side),
            Some(verified) => decode_verified(&request.path, request.max_side, verified),
        };
        let sent = decoded.send(Decoded {
            path: request.path,
            generation: request.generation,
            result,
        });
        if sent.is_err() {
            return;
        }
        ctx.request_repaint();
    }
}
