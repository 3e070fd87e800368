//! A picture's video clip drawn over its poster: the clip's current frame, cropped to cover
//! the rectangle around the picture's focus like a picture. Until the first frame, and when
//! the clip cannot play, nothing is drawn here and the poster beneath stays.

use egui::{Color32, CornerRadius, Id, Rect, Ui, epaint::RectShape};

use crate::content::Picture;
use crate::platform::images::cover_uv;
use crate::platform::video::video_texture;
use crate::ui::view::View;

/// The place id of `picture`'s clip: one player per clip file on screen.
pub fn video_id(path: &str) -> Id {
    Id::unique(("video", path))
}

/// Draws `picture`'s clip (if it has one that resolves) in `rect` (design points) over the
/// poster `picture_ui` drew there. Returns whether a frame was drawn.
pub fn video_ui(
    ui: &Ui,
    view: &View<'_>,
    picture: Option<&Picture>,
    rect: Rect,
    corners: CornerRadius,
) -> bool {
    let Some((picture, video)) = picture.and_then(|p| Some((p, p.video.as_ref()?))) else {
        return false;
    };
    let Some(path) = view.assets.picture(&video.path) else {
        return false;
    };
    let screen = view.frame.rect(rect);
    let ppp = ui.ctx().pixels_per_point();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a rectangle's size in pixels"
    )]
    let fit = [
        (screen.width() * ppp).ceil().max(1.0) as usize,
        (screen.height() * ppp).ceil().max(1.0) as usize,
    ];
    let now = ui.input(|input| input.time);
    let Some(texture) = video_texture(ui.ctx(), video_id(&video.path), path, video.play, fit, now)
    else {
        return false;
    };
    let uv = cover_uv(texture.size_vec2(), screen.size(), picture.focus);
    ui.painter()
        .add(RectShape::filled(screen, corners, Color32::WHITE).with_texture(texture.id(), uv));
    true
}
