//! The card of the tapped route or place: its data and layout (pure) and its drawing.

use crate::tokens::{motion, radii, size, space};
use egui::{Color32, CornerRadius, Id, Pos2, Rect, Role, Ui, UiBuilder, pos2, vec2};

use super::chrome::{block_map, close_button, panel};
use super::layout::MapLayout;
use super::state::{MapState, Selection};
use super::style::MapStyle;
use crate::content::Text;
use crate::state::Intent;
use crate::ui::home_ui::{figure_height, figure_ui};
use crate::ui::theme::{BODY_S, CAPTION, EYEBROW, Face, H2, TypeStyle};
use crate::ui::view::{View, text_node};
use crate::ui::widgets::{Button, Icon, galley, mix, pill_width, radius, upper};

/// What the card shows, resolved from content.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct CardData<'a> {
    /// The layer's name in capitals (empty for a place on no layer).
    pub eyebrow: String,
    /// The layer's colour.
    pub colour: Color32,
    /// The route's or place's name.
    pub title: &'a str,
    /// The route's length (`"508 km"`), or empty.
    pub length: &'a str,
    /// The route's parts with a positive length: value and label.
    pub parts: Vec<(f64, &'a str)>,
    /// The card's text.
    pub text: &'a str,
    /// The section "Read the story" opens.
    pub section: Option<usize>,
}

/// What the card of the current selection shows, in the visitor's language; None without
/// a selection or for one content no longer has.
pub(super) fn card_data<'a>(view: &View<'a>, state: &MapState) -> Option<CardData<'a>> {
    let content = view.content;
    let accent = view.colours.accent;
    let layer_of = |id: &str| {
        let index = content.map.layers.iter().position(|l| l.id == id)?;
        Some((content.map.layers.get(index)?, index))
    };
    let t = |text: &'a Text| text.resolve(view.lang_code, content.default_lang_code());
    match state.selection? {
        Selection::Route(key) => {
            let route = content.map.routes.get(key)?;
            let (layer, index) = layer_of(&route.layer)?;
            Some(CardData {
                eyebrow: upper(t(&layer.name)),
                colour: state.model.layer_colour(index, accent),
                title: t(&route.name),
                length: t(&route.length),
                parts: route
                    .parts
                    .iter()
                    .filter(|p| p.value.is_finite() && p.value > 0.0)
                    .map(|p| (p.value, t(&p.label)))
                    .collect(),
                text: t(&route.text),
                section: route
                    .section
                    .as_deref()
                    .and_then(|id| content.section_index(id)),
            })
        }
        Selection::Place(key) => {
            let place = content.map.places.get(key)?;
            let layer = place.layer.as_deref().and_then(layer_of);
            Some(CardData {
                eyebrow: layer.map(|(l, _)| upper(t(&l.name))).unwrap_or_default(),
                colour: layer.map_or(accent, |(_, index)| state.model.layer_colour(index, accent)),
                title: t(&place.name),
                length: "",
                parts: Vec::new(),
                text: t(&place.text),
                section: place
                    .section
                    .as_deref()
                    .and_then(|id| content.section_index(id)),
            })
        }
    }
}

/// The card's measured layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct CardLayout {
    /// The card, design points (before it rises into place).
    pub rect: Rect,
    /// Height of the title, design points.
    pub title_h: f32,
    /// Rows of text (all of them: the card scrolls when it is taller than its area).
    pub body_rows: usize,
    /// Height of everything above the buttons' row, design points: more than the card
    /// leaves for it when the card scrolls.
    pub content_h: f32,
}

/// The card's texts as measured with the fonts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct CardText {
    /// Height of the title (up to four rows), design points.
    pub title_h: f32,
    /// Rows the whole text takes.
    pub body_rows: usize,
}

/// Splits `"508 km"` into value and unit (`"508"`, `"km"`).
fn split_figure(length: &str) -> (&str, &str) {
    match length.trim().rsplit_once(' ') {
        Some((value, unit)) if !unit.chars().any(|c| c.is_ascii_digit()) => (value.trim(), unit),
        _ => (length.trim(), ""),
    }
}

/// Where the title starts below the card's top: under the eyebrow's row.
const TITLE_TOP: f32 = 84.0;

/// Where the card of `data` goes in `area` (the card column, or the sheet area): as tall as
/// it needs, standing on the area's foot so its buttons stay low, within reach (visual.md
/// §1); when the whole area is too short its words scroll above the buttons, never cut.
/// `figure_line` is the line height of the route's length.
pub(super) fn card_layout(
    data: &CardData<'_>,
    text: CardText,
    area: Rect,
    figure_line: f32,
) -> CardLayout {
    let title_h = text.title_h;
    let mut h = TITLE_TOP + title_h;
    if !data.length.is_empty() {
        h += space::M + figure_line;
    }
    if data.parts.len() >= 2 {
        h += space::L + 14.0 + space::S + 28.0;
    }
    // The bottom row: "Read the story" and the close button.
    let buttons = space::XL + size::TOUCH;
    #[expect(clippy::cast_precision_loss, reason = "a few rows")]
    let content_h = h + space::L + text.body_rows as f32 * BODY_S.line;
    let height = content_h + buttons + space::CARD_PAD;
    let rect = Rect::from_min_max(
        pos2(area.left(), area.bottom() - height.min(area.height())),
        area.max,
    );
    CardLayout {
        rect,
        title_h,
        body_rows: text.body_rows,
        content_h,
    }
}

/// The open card's data and layout, its texts measured with the fonts; None without a card.
pub(super) fn measured_card<'a>(
    ui: &Ui,
    view: &View<'a>,
    state: &MapState,
    layout: &MapLayout,
) -> Option<(CardData<'a>, CardLayout)> {
    let data = card_data(view, state)?;
    let frame = view.frame;
    let w = layout.card.width() - 2.0 * space::CARD_PAD;
    let title = galley(ui, &frame, data.title, H2, view.colours.text, w, 4);
    let body = galley(ui, &frame, data.text, BODY_S, view.colours.text, w, 0);
    let text = CardText {
        title_h: frame.design_len(title.size().y),
        body_rows: body.rows.len(),
    };
    let (value, unit) = split_figure(data.length);
    let figure_line = figure_height(
        ui,
        view,
        value,
        unit,
        MapStyle::for_colours(view.colours).type_styles.figure,
        w,
    );
    let measured = card_layout(&data, text, layout.card, figure_line);
    Some((data, measured))
}

/// The open card, fading in and rising; returns "Read the story"'s intent when pressed.
pub(super) fn card_ui(
    ui: &mut Ui,
    view: &View<'_>,
    state: &mut MapState,
    layout: &MapLayout,
    now: f64,
) -> Option<Intent> {
    let (data, measured) = measured_card(ui, view, state, layout)?;
    let frame = view.frame;
    let colours = view.colours;
    let style = MapStyle::for_colours(colours);
    // Fade in and rise 16 over 250 ms, ease-out.
    #[expect(clippy::cast_possible_truncation, reason = "a fraction")]
    let t = ((now - state.selected_at) / style.motion.card_secs).clamp(0.0, 1.0) as f32;
    let appear = 1.0 - (1.0 - t).powi(3);
    let rect = measured
        .rect
        .translate(vec2(0.0, motion::PANEL_RISE * (1.0 - appear)));
    let mut card_ui = ui.new_child(UiBuilder::new().max_rect(ui.max_rect()));
    card_ui.multiply_opacity(appear);
    let ui = &mut card_ui;
    panel(ui, view, rect);
    let drag = block_map(ui, &frame, measured.rect, "map-card");
    let x = rect.left() + space::CARD_PAD;
    let w = rect.width() - 2.0 * space::CARD_PAD;
    let mut intent = None;
    let buttons_y = rect.bottom() - space::CARD_PAD - size::TOUCH;
    if close_button(
        ui,
        view,
        pos2(rect.right() - space::CARD_PAD - size::TOUCH, buttons_y),
        "map-card-close",
    )
    .clicked()
    {
        state.selection = None;
    }
    // The words above the buttons, scrolled under a drag when they do not all fit.
    let viewport = Rect::from_min_max(rect.min, pos2(rect.right(), buttons_y - space::M));
    let max_scroll = (measured.content_h - viewport.height() + space::M).max(0.0);
    if let Some(drag) = drag {
        state.card_scroll -= drag.drag_delta().y / frame.scale;
    }
    state.card_scroll = state.card_scroll.clamp(0.0, max_scroll);
    let scroll = state.card_scroll;
    if max_scroll > 0.0 {
        super::chrome::scroll_track(ui, view, viewport, scroll, max_scroll);
    }
    let mut words = ui.new_child(UiBuilder::new());
    words.set_clip_rect(frame.rect(viewport));
    let (outer, ui) = (ui, &mut words);
    let mut y = rect.top() + 36.0 - scroll;
    if !data.eyebrow.is_empty() {
        let g = galley(ui, &frame, &data.eyebrow, EYEBROW, data.colour, w, 1);
        ui.painter().galley(frame.pos(pos2(x, y)), g, data.colour);
    }
    y = rect.top() + TITLE_TOP - scroll;
    let g = galley(ui, &frame, data.title, H2, colours.text, w, 4);
    ui.painter().galley(frame.pos(pos2(x, y)), g, colours.text);
    text_node(
        ui,
        view,
        Rect::from_min_size(pos2(x, y), vec2(w, measured.title_h)),
        Id::unique("map-card-title"),
        data.title,
        Role::Heading,
    );
    y += measured.title_h;
    if !data.length.is_empty() {
        y += space::M;
        let (value, unit) = split_figure(data.length);
        y += figure_ui(
            ui,
            view,
            pos2(x, y),
            value,
            unit,
            style.type_styles.figure,
            w,
        );
    }
    if data.parts.len() >= 2 {
        y += space::L;
        parts_bar_ui(ui, view, &data, pos2(x, y), w);
        y += 14.0 + space::S + 28.0;
    }
    y += space::L;
    if measured.body_rows > 0 {
        let g = galley(
            ui,
            &frame,
            data.text,
            BODY_S,
            colours.text,
            w,
            measured.body_rows,
        );
        let h = frame.design_len(g.size().y);
        ui.painter().galley(frame.pos(pos2(x, y)), g, colours.text);
        text_node(
            ui,
            view,
            Rect::from_min_size(pos2(x, y), vec2(w, h)),
            Id::unique("map-card-text"),
            data.text,
            Role::Label,
        );
    }
    if let Some(section) = data.section {
        let label = view.t(&view.content.labels.read_the_story);
        let bw = pill_width(ui, &frame, label, true).min(w - size::TOUCH - space::M);
        if Button::pill(label)
            .trailing_icon(Icon::Forward)
            .on_panel()
            .ui(
                outer,
                &view.frame,
                view.colours,
                Rect::from_min_size(pos2(x, buttons_y), vec2(bw, size::TOUCH)),
                Id::unique("map-read-the-story"),
            )
            .clicked()
        {
            intent = Some(Intent::OpenSection(section));
        }
    }
    intent
}

/// The route's parts as a bar split in proportion at `min` (design points), `w` wide, each
/// part labelled under it ("165 km in Lithuania") when there are at most three.
fn parts_bar_ui(ui: &Ui, view: &View<'_>, data: &CardData<'_>, min: Pos2, w: f32) {
    let frame = view.frame;
    let colours = view.colours;
    let (x, y) = (min.x, min.y);
    let total: f64 = data.parts.iter().map(|p| p.0).sum();
    let (_, unit) = split_figure(data.length);
    let mut left = x;
    let count = data.parts.len();
    for (i, &(value, label)) in data.parts.iter().enumerate() {
        #[expect(clippy::cast_possible_truncation, reason = "a bar width")]
        let part_w = (f64::from(w) * value / total) as f32;
        let shade = if i % 2 == 0 {
            data.colour
        } else {
            mix(data.colour, colours.raised, 0.55)
        };
        let bar = Rect::from_min_size(pos2(left, y), vec2(part_w, 14.0));
        let corners = CornerRadius {
            nw: if i == 0 {
                radius(&frame, radii::pill(14.0))
            } else {
                0
            },
            sw: if i == 0 {
                radius(&frame, radii::pill(14.0))
            } else {
                0
            },
            ne: if i + 1 == count {
                radius(&frame, radii::pill(14.0))
            } else {
                0
            },
            se: if i + 1 == count {
                radius(&frame, radii::pill(14.0))
            } else {
                0
            },
        };
        ui.painter().rect_filled(frame.rect(bar), corners, shade);
        // "165 km in Lithuania": first part left-aligned, last right-aligned.
        let strong = part_figure(value, unit);
        let mut job = egui::text::LayoutJob::default();
        let format = |style: TypeStyle, colour: Color32| egui::text::TextFormat {
            font_id: style.font(frame.scale),
            color: colour,
            line_height: Some(frame.pt(style.line)),
            ..Default::default()
        };
        job.append(
            &strong,
            0.0,
            format(
                TypeStyle {
                    face: Face::Strong,
                    ..CAPTION
                },
                colours.text,
            ),
        );
        job.append(
            &format!(" {label}"),
            0.0,
            format(CAPTION, colours.text_secondary),
        );
        let g = ui.ctx().fonts_mut(|f| f.layout_job(job));
        let size = g.size() / frame.scale;
        let label_x = if i == 0 {
            left
        } else if i + 1 == count {
            left + part_w - size.x
        } else {
            left + part_w / 2.0 - size.x / 2.0
        };
        if count <= 3 {
            ui.painter().galley(
                frame.pos(pos2(label_x, y + 14.0 + space::S)),
                g,
                colours.text,
            );
        }
        left += part_w;
    }
}

/// A part's figure: its value (whole numbers without decimals) and the route length's unit.
fn part_figure(value: f64, unit: &str) -> String {
    let number = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    };
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::testing;

    #[test]
    fn figures_split_into_value_and_unit() {
        assert_eq!(split_figure("508 km"), ("508", "km"), "km");
        assert_eq!(split_figure("600"), ("600", ""), "no unit");
        assert_eq!(split_figure("1 600"), ("1 600", ""), "a thousands space");
    }

    #[test]
    fn part_figures_drop_needless_decimals_and_take_the_length_s_unit() {
        assert_eq!(part_figure(165.0, "km"), "165 km", "whole");
        assert_eq!(part_figure(1.5, "km"), "1.5 km", "a fraction");
        assert_eq!(part_figure(40.0, ""), "40", "no unit");
    }

    #[test]
    fn a_route_s_card_shows_its_layer_length_positive_parts_and_section() {
        let (content, colours) = (testing::content(), testing::colours());
        let mut view = testing::view(&content, &colours, 1920.0, 1080.0);
        let mut state = testing::visit(&view, 0.0);
        assert_eq!(
            card_data(&view, &state),
            None,
            "no card without a selection"
        );
        state.select(Some(Selection::Route(0)), 1.0);
        view.lang_code = "lt";
        let data = card_data(&view, &state).expect("GIPL's card");
        assert_eq!(
            data.eyebrow, "DUJOS",
            "the layer's name in capitals, in Lithuanian"
        );
        assert_eq!(
            data.colour,
            Color32::from_rgb(0xFF, 0x9B, 0x42),
            "the layer's colour"
        );
        assert_eq!(data.title, "GIPL: Gas Interconnection", "the name");
        assert_eq!(data.length, "508 km", "the length");
        assert_eq!(
            data.parts,
            vec![(165.0, "in Lithuania"), (343.0, "in Poland")],
            "parts of no length are left out"
        );
        assert_eq!(data.section, Some(1), "the gas section");
    }

    #[test]
    fn a_place_on_a_layer_without_a_colour_takes_the_accent() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let mut state = testing::visit(&view, 0.0);
        state.select(Some(Selection::Place(2)), 1.0);
        let data = card_data(&view, &state).expect("the hill's card");
        assert_eq!(data.eyebrow, "SITES", "its layer");
        assert_eq!(data.colour, colours.accent, "the accent");
        assert_eq!(data.length, "", "no length");
        assert_eq!(data.text, "A hill", "its text");
        state.select(Some(Selection::Place(9)), 2.0);
        assert_eq!(card_data(&view, &state), None, "no such place");
    }

    #[test]
    fn the_card_grows_with_its_text_until_the_column_is_full_then_scrolls() {
        let data = CardData {
            eyebrow: String::new(),
            colour: Color32::WHITE,
            title: "T",
            length: "508 km",
            parts: vec![(1.0, "a"), (2.0, "b")],
            text: "text",
            section: Some(0),
        };
        let area = Rect::from_min_size(pos2(1000.0, 64.0), vec2(488.0, 900.0));
        let text = |rows| CardText {
            title_h: 48.0,
            body_rows: rows,
        };
        let fixed = TITLE_TOP + 48.0 + 16.0 + 92.0 + 78.0 + 24.0 + 104.0 + space::CARD_PAD;
        let short = card_layout(&data, text(2), area, 92.0);
        assert_eq!(short.body_rows, 2, "both rows");
        assert!(
            (short.rect.height() - (fixed + 2.0 * BODY_S.line)).abs() < 1e-3,
            "{short:?}"
        );
        assert_eq!(
            short.rect.max, area.max,
            "on the column's foot, within reach"
        );
        let long = card_layout(&data, text(100), area, 92.0);
        assert!(
            long.rect.height() <= area.height(),
            "within the column: {long:?}"
        );
        assert_eq!(
            long.body_rows, 100,
            "every row: the words scroll, never cut"
        );
        assert_eq!(long.rect, area, "the whole column: {long:?}");
        assert!(
            long.content_h > area.height() - 104.0 - space::CARD_PAD,
            "more words than room above the buttons: {long:?}"
        );
    }
}
