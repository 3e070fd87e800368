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

/// Design points of the attract loop's scrim, from the left edge: as wide as the words.
const ATTRACT_SCRIM_WIDTH: f32 = 1100.0;

/// A picture slide's clip over its full-screen poster (`screen`, design points), with a
/// scrim of the ink from the left so the caption stays readable over any frame.
pub fn attract_video_ui(ui: &Ui, view: &View<'_>, picture: &Picture, screen: Rect) {
    if !video_ui(ui, view, Some(picture), screen, CornerRadius::ZERO) {
        return;
    }
    let rect = view.frame.rect(screen);
    let width = view.frame.pt(ATTRACT_SCRIM_WIDTH).min(rect.width());
    let ink = view.colours.ink;
    let mut mesh = egui::Mesh::default();
    let (strong, clear) = (ink.gamma_multiply(0.85), Color32::TRANSPARENT);
    let corners = [
        (rect.left_top(), strong),
        (egui::pos2(rect.left() + width, rect.top()), clear),
        (egui::pos2(rect.left() + width, rect.bottom()), clear),
        (rect.left_bottom(), strong),
    ];
    for (pos, colour) in corners {
        mesh.colored_vertex(pos, colour);
    }
    mesh.add_triangle(0, 1, 2);
    mesh.add_triangle(0, 2, 3);
    ui.painter().add(mesh);
}
