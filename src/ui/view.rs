//! What every screen needs to draw: the frame, colours, content and language.

use crate::tokens::{radii, space};
use egui::epaint::RectShape;
use egui::{Color32, CornerRadius, Id, Rect, Role, Sense, Ui, WidgetInfo, pos2};

use super::layout::{DOCK_HEIGHT, Frame, cover_uv};
use super::theme::Colours;
use super::widgets::{Elevation, LanguageChoice, elevated};
use crate::a11y::script::ParagraphKind;
use crate::content::{
    Content, FigureNumbers, LoadedContent, MapNames, Picture, ResolvedAssets, Text,
};
use crate::platform::images::Pictures;

/// Borrowed context of one screen's drawing.
pub struct View<'a> {
    /// Design-to-screen mapping (shifted while a page swipes).
    pub frame: Frame,
    /// Theme colours.
    pub colours: &'a Colours,
    /// The content shown.
    pub content: &'a Content,
    /// The content's picture paths, resolved when it was loaded.
    pub assets: &'a ResolvedAssets,
    /// The numbers inside its key figures, found when it was loaded.
    pub numbers: &'a FigureNumbers,
    /// The map's country, sea and credit names, read when it was loaded.
    pub map_names: &'a MapNames,
    /// The visitor's language.
    pub lang_code: &'a str,
    /// The element being read aloud (accessibility mode), highlighted where it sits.
    pub spoken: Option<ParagraphKind>,
    /// Controls must sit below this design y to be within reach (accessibility mode and
    /// portrait screens, see [`crate::content::reach`]); `None` where they may sit anywhere.
    pub reach_top: Option<f32>,
}

impl<'a> View<'a> {
    /// The view of `loaded` in language `lang_code`, with nothing read aloud and no reach
    /// limit (set `spoken` and `reach_top` where they apply).
    pub fn new(
        frame: Frame,
        colours: &'a Colours,
        loaded: &'a LoadedContent,
        lang_code: &'a str,
    ) -> Self {
        Self {
            frame,
            colours,
            content: &loaded.content,
            assets: &loaded.assets,
            numbers: &loaded.numbers,
            map_names: &loaded.map_names,
            lang_code,
            spoken: None,
            reach_top: None,
        }
    }

    /// A text in the visitor's language (default language when missing).
    pub fn t<'t>(&self, text: &'t Text) -> &'t str {
        text.resolve(self.lang_code, self.content.default_lang_code())
    }

    /// The content's languages, for the language switch (and what sits beside it).
    pub fn language_choices(&self) -> Vec<LanguageChoice<'_>> {
        self.content
            .languages
            .iter()
            .map(|lang| LanguageChoice {
                code: &lang.code,
                name: &lang.name,
            })
            .collect()
    }

    /// The same view with its frame moved right by `dx` design points.
    #[must_use]
    pub fn shifted(&self, dx: f32) -> Self {
        let mut frame = self.frame;
        frame.origin.x += frame.pt(dx);
        View { frame, ..*self }
    }

    /// The row of controls above the dock (the pager, the map's controls on narrow screens)
    /// would be out of reach: they join the dock row instead, as icons.
    pub fn controls_join_dock(&self) -> bool {
        let frame = &self.frame;
        (frame.portrait || frame.compact())
            && self
                .reach_top
                .is_some_and(|top| frame.dock().top() - space::XL - DOCK_HEIGHT < top - 0.5)
    }

    /// Whether `kind` is the element being read aloud.
    pub fn is_spoken(&self, kind: ParagraphKind) -> bool {
        self.spoken == Some(kind)
    }
}

/// Marks text being read aloud at `rect` (design points): an amber wash behind it and an
/// amber rule at its left, so the eye finds what the voice says. Drawn before the text.
pub fn spoken_text_mark(ui: &Ui, view: &View<'_>, rect: Rect) {
    let frame = &view.frame;
    let wash = rect.expand2(egui::vec2(space::M, space::XS));
    ui.painter().rect_filled(
        frame.rect(wash),
        frame.pt(12.0),
        view.colours.accent.gamma_multiply(0.16),
    );
    let rule = Rect::from_min_max(
        pos2(wash.left(), wash.top()),
        pos2(wash.left() + 6.0, wash.bottom()),
    );
    ui.painter().rect_filled(
        frame.rect(rule),
        frame.pt(radii::pill(6.0)),
        view.colours.accent,
    );
}

/// Marks a card or tile being read aloud: an amber outline around it.
pub fn spoken_card_mark(ui: &Ui, view: &View<'_>, rect: Rect) {
    let frame = &view.frame;
    ui.painter().rect_stroke(
        frame.rect(rect.expand(space::XXS)),
        frame.pt(radii::TILE + space::XXS),
        egui::Stroke::new(frame.pt(4.0), view.colours.accent),
        egui::StrokeKind::Outside,
    );
}

/// A surface that takes touches but means nothing to press for a screen reader: it gets
/// `role` and loses the click action egui gives every clickable area.
pub fn quiet_node(ui: &Ui, id: Id, role: Role) {
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_role(role);
        node.remove_action(egui::accesskit::Action::Click);
    });
}

/// Marks text painted at `rect` (design points) as a label for screen readers and tests.
pub fn text_node(ui: &mut Ui, view: &View<'_>, rect: Rect, id: Id, text: &str, role: Role) {
    let response = ui.interact(view.frame.rect(rect), id, Sense::hover());
    let text = text.to_owned();
    response.widget_info(|| WidgetInfo::labeled(role, true, &text));
}

/// A tile or card background with the e1 shadow.
pub fn card(ui: &Ui, view: &View<'_>, rect: Rect, fill: Color32) {
    elevated(ui, &view.frame, rect, fill, Elevation::Card);
    if view.colours.high_contrast {
        outline(ui, view, rect);
    }
}

/// The 2-point outline high contrast draws round surfaces (visual.md §3).
pub fn outline(ui: &Ui, view: &View<'_>, rect: Rect) {
    let frame = &view.frame;
    ui.painter().rect_stroke(
        frame.rect(rect),
        frame.pt(radii::TILE),
        egui::Stroke::new(frame.pt(2.0), view.colours.text),
        egui::StrokeKind::Inside,
    );
}

/// The texture of `picture` (id, size in pixels, focus) when it is decoded; asks for it otherwise.
pub fn picture_texture(
    view: &View<'_>,
    pictures: &mut Pictures,
    picture: Option<&Picture>,
) -> Option<(egui::TextureId, egui::Vec2, (f32, f32))> {
    let picture = picture?;
    let path = view.assets.picture(&picture.path)?;
    pictures
        .texture(path)
        .map(|t| (t.id(), t.size_vec2(), picture.focus))
}

/// Draws `picture` cropped to cover `rect` (design points) with rounded `corners` over the
/// neutral placeholder (surface, dot grid), which shows alone while it decodes or when it
/// cannot be shown. A picture just decoded fades in over [`crate::platform::images::FADE_SECS`].
pub fn picture_ui(
    ui: &Ui,
    view: &View<'_>,
    pictures: &mut Pictures,
    picture: Option<&Picture>,
    rect: Rect,
    corners: CornerRadius,
) {
    let frame = &view.frame;
    let screen = frame.rect(rect);
    let texture = picture.and_then(|picture| {
        let path = view.assets.picture(&picture.path)?;
        pictures
            .texture_and_opacity(path)
            .map(|(t, opacity)| (t.id(), t.size_vec2(), picture.focus, opacity))
    });
    let opacity = texture.map_or(0.0, |(.., opacity)| opacity);
    if opacity < 1.0 {
        placeholder_ui(ui, view, rect, corners);
    }
    if let Some((id, size, focus, opacity)) = texture {
        let uv = cover_uv(size, screen.size(), focus);
        let tint = Color32::WHITE.gamma_multiply(opacity);
        ui.painter()
            .add(RectShape::filled(screen, corners, tint).with_texture(id, uv));
        if opacity < 1.0 {
            ui.ctx().request_repaint();
        }
    }
}

/// The neutral placeholder: the raised surface with a faint dot grid (no spinner).
fn placeholder_ui(ui: &Ui, view: &View<'_>, rect: Rect, corners: CornerRadius) {
    let frame = &view.frame;
    ui.painter()
        .rect_filled(frame.rect(rect), corners, view.colours.raised);
    // A dot grid: 1.2 dots every 24 design points, parchment at 9 %.
    let dot = view.colours.text.gamma_multiply(0.09);
    let r = frame.pt(1.2);
    let mut y = rect.top() + 12.0;
    while y < rect.bottom() {
        let mut x = rect.left() + 12.0;
        while x < rect.right() {
            ui.painter().circle_filled(frame.pos(pos2(x, y)), r, dot);
            x += 24.0;
        }
        y += 24.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> LoadedContent {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron");
        crate::content::load_content(&path).expect("the shipped content loads")
    }

    /// The shipped palette and a 1920×1080 frame at scale 1.
    fn colours_and_full_hd_frame() -> (Colours, Frame) {
        let colours = Colours::from_palette(&crate::content::Palette::default());
        let frame = Frame::new(
            Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(1920.0, 1080.0)),
            1.0,
        );
        (colours, frame)
    }

    #[test]
    fn a_picture_that_did_not_resolve_shows_the_placeholder_without_a_decode() {
        let mut loaded = shipped();
        let section = loaded
            .content
            .sections
            .iter_mut()
            .find(|s| !s.pictures.is_empty())
            .expect("a section with a picture");
        section.pictures[0].path = "assets/missing.png".to_owned();
        let picture = section.pictures[0].clone();
        loaded.resolve_assets();
        let ctx = egui::Context::default();
        let mut pictures = Pictures::new(&ctx);
        let (colours, frame) = colours_and_full_hd_frame();
        let view = View::new(frame, &colours, &loaded, "en");
        assert!(
            picture_texture(&view, &mut pictures, Some(&picture)).is_none(),
            "no texture for a missing picture"
        );
        assert!(!pictures.pending(), "nothing is asked of the decoder");
        assert_eq!(pictures.texture_count(), 0, "no texture kept");
    }

    #[test]
    fn a_resolved_picture_is_asked_for_by_its_checked_path() {
        let loaded = shipped();
        let picture = loaded
            .content
            .sections
            .iter()
            .flat_map(|s| &s.pictures)
            .next()
            .expect("a picture")
            .clone();
        let path = loaded
            .assets
            .picture(&picture.path)
            .expect("resolved at load")
            .to_path_buf();
        let ctx = egui::Context::default();
        let mut pictures = Pictures::new(&ctx);
        let (colours, frame) = colours_and_full_hd_frame();
        let view = View::new(frame, &colours, &loaded, "en");
        let _ = picture_texture(&view, &mut pictures, Some(&picture));
        assert_ne!(
            pictures.status(&path),
            crate::platform::images::PictureStatus::Unknown,
            "the decoder was asked for the resolved path"
        );
    }
}
