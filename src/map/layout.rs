//! Where the map's panels and controls go for a frame, pure: [`MapLayout`] (design points).

use crate::tokens::{size, space};
use egui::{Rect, pos2};

use crate::ui::layout::DOCK_HEIGHT;
use crate::ui::view::View;

/// Where the map's panels and controls go, in design points (visual.md §5).
#[derive(Clone, Copy, Debug)]
pub(super) struct MapLayout {
    /// Portrait and compact: legend and card are sheets above the controls.
    pub sheets: bool,
    /// Landscape: the legend panel's column (its height is a limit). Sheets: the sheet area.
    pub legend: Rect,
    /// Landscape: the card's column. Sheets: the sheet area.
    pub card: Rect,
    /// Where presets fit.
    pub free: Rect,
    /// Top of the row of map controls.
    pub controls_top: f32,
    /// The controls sit in the dock row as icons, between its buttons and the accessibility
    /// button (their own row would be out of reach).
    pub joined: bool,
    /// Top of the band under the credits where panels stop.
    pub credits_y: f32,
    /// The controls take two rows (Layers above, zoom and Reset view below): one row is
    /// wider than the screen (larger text on a portrait screen, a long translation).
    pub two_rows: bool,
    /// Layers and Reset view are round buttons: joined to the dock, or one row too wide for
    /// the screen whose second row would be out of reach.
    pub icons: bool,
}

impl MapLayout {
    /// The layout for `view`'s frame, with the map controls in one row.
    pub fn new(view: &View<'_>) -> Self {
        Self::with_controls(view, 0.0)
    }

    /// The layout for `view`'s frame when the map controls in one row are `controls_w`
    /// design points wide: on a sheet screen a row too wide for it splits in two.
    pub fn with_controls(view: &View<'_>, controls_w: f32) -> Self {
        let frame = &view.frame;
        let mx = frame.margin_x();
        let dock = frame.dock();
        let size = frame.size;
        if frame.portrait || frame.compact() {
            // A row of their own above the dock, or the dock row when that is out of reach.
            let wide = controls_w > size.x - 2.0 * frame.margin_x();
            // Two rows whose upper one would be out of reach stay one row, Layers and Reset
            // view as round buttons (named for screen readers).
            let upper_out_of_reach = view.reach_top.is_some_and(|top| {
                dock.top() - space::XL - 2.0 * DOCK_HEIGHT - space::M < top - 0.5
            });
            let joined = view.controls_join_dock();
            let icons = joined || (wide && upper_out_of_reach);
            let two_rows = !icons && wide;
            let controls_top = if joined {
                dock.top()
            } else if two_rows {
                dock.top() - space::XL - 2.0 * DOCK_HEIGHT - space::M
            } else {
                dock.top() - space::XL - DOCK_HEIGHT
            };
            let credits_y = controls_top - 40.0;
            let bottom = credits_y - space::M;
            let sheet_h = (size.y * 0.45).min(bottom - size::MARGIN_TOP);
            let sheet = Rect::from_min_max(pos2(mx, bottom - sheet_h), pos2(size.x - mx, bottom));
            // A card with more to say grows up over the map rather than cut its words.
            let card = Rect::from_min_max(pos2(mx, size::MARGIN_TOP), sheet.max);
            Self {
                sheets: true,
                legend: sheet,
                card,
                free: Rect::from_min_max(pos2(mx, size::MARGIN_TOP), pos2(size.x - mx, bottom)),
                controls_top,
                joined,
                credits_y,
                two_rows,
                icons,
            }
        } else {
            let bottom = dock.top() - space::L;
            let legend = Rect::from_min_max(pos2(mx, size::MARGIN_TOP), pos2(mx + 456.0, bottom));
            let card = Rect::from_min_max(
                pos2(size.x - mx - 488.0, size::MARGIN_TOP),
                pos2(size.x - mx, bottom),
            );
            Self {
                sheets: false,
                legend,
                card,
                free: Rect::from_min_max(
                    pos2(legend.right(), size::CONTROL_EDGE),
                    pos2(card.left(), dock.top() - 20.0),
                ),
                controls_top: dock.top(),
                joined: false,
                credits_y: dock.top() - 52.0,
                two_rows: false,
                icons: false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::testing;

    #[test]
    fn landscape_puts_the_legend_left_the_card_right_and_the_map_between() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1920.0, 1080.0);
        let layout = MapLayout::new(&view);
        assert!(!layout.sheets, "panels, not sheets");
        assert!(
            (layout.legend.width() - 456.0).abs() < 1e-3,
            "{:?}",
            layout.legend
        );
        assert!(
            (layout.card.width() - 488.0).abs() < 1e-3,
            "{:?}",
            layout.card
        );
        assert!(
            (layout.free.left() - layout.legend.right()).abs() < 1e-4,
            "free from the legend"
        );
        assert!(
            (layout.free.right() - layout.card.left()).abs() < 1e-4,
            "to the card"
        );
        let dock = view.frame.dock();
        assert!(
            (layout.controls_top - dock.top()).abs() < 1e-4,
            "controls in the dock row"
        );
        assert!(layout.legend.bottom() < dock.top(), "panels above the dock");
        assert!(!layout.joined, "never joined in landscape");
    }

    #[test]
    fn portrait_stacks_legend_and_card_as_one_sheet_above_the_controls() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1080.0, 1920.0);
        let layout = MapLayout::new(&view);
        assert!(layout.sheets, "sheets");
        assert_eq!(
            layout.legend.max, layout.card.max,
            "sheets above the controls"
        );
        assert!(
            layout.card.height() > layout.legend.height(),
            "a card may grow over the map: {layout:?}"
        );
        let dock = view.frame.dock();
        assert!(
            (layout.controls_top - (dock.top() - 32.0 - DOCK_HEIGHT)).abs() < 1e-3,
            "a row of their own above the dock: {layout:?}"
        );
        assert!(
            layout.card.bottom() < layout.credits_y,
            "sheets above the credits"
        );
        assert!(
            layout.credits_y < layout.controls_top,
            "credits above the controls"
        );
    }

    #[test]
    fn controls_too_wide_for_one_row_take_two_and_the_sheets_make_room() {
        let (content, colours) = (testing::content(), testing::colours());
        let view = testing::view(&content, &colours, 1080.0, 1920.0);
        let one = MapLayout::with_controls(&view, 600.0);
        let two = MapLayout::with_controls(&view, 2000.0);
        assert!(!one.two_rows && two.two_rows, "{one:?} {two:?}");
        assert!(
            (one.controls_top - two.controls_top - DOCK_HEIGHT - 16.0).abs() < 1e-3,
            "a row higher"
        );
        assert!(
            two.card.bottom() < two.credits_y && two.credits_y < two.controls_top,
            "sheets and credits above both rows: {two:?}"
        );
    }

    #[test]
    fn a_second_row_out_of_reach_keeps_one_row_of_round_buttons() {
        let (content, colours) = (testing::content(), testing::colours());
        let mut view = testing::view(&content, &colours, 1080.0, 1920.0);
        // The one row above the dock is within reach; a second above it is not.
        view.reach_top = Some(view.frame.dock().top() - 32.0 - DOCK_HEIGHT - 8.0);
        let layout = MapLayout::with_controls(&view, 2000.0);
        assert!(
            !layout.joined && !layout.two_rows && layout.icons,
            "{layout:?}"
        );
        assert!(
            (layout.controls_top - (view.frame.dock().top() - 32.0 - DOCK_HEIGHT)).abs() < 1e-3,
            "the row above the dock"
        );
    }

    #[test]
    fn controls_out_of_reach_join_the_dock_row() {
        let (content, colours) = (testing::content(), testing::colours());
        let mut view = testing::view(&content, &colours, 1080.0, 1920.0);
        view.reach_top = Some(view.frame.dock().top() - 8.0);
        let layout = MapLayout::new(&view);
        assert!(layout.joined, "joined");
        assert!(
            (layout.controls_top - view.frame.dock().top()).abs() < 1e-4,
            "in the dock row"
        );
    }
}
