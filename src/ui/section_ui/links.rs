//! "Take it with you": a section's links at the end of its scrolling column, each a QR code
//! with its label and short address beside it (below it in a narrow column). A picture to
//! scan with a phone, not a button: the kiosk opens nothing.

use crate::tokens::{radii, space};
use std::sync::Arc;

use egui::{Galley, Id, Pos2, Rect, Role, Sense, Ui, WidgetInfo, pos2, vec2};

use crate::content::links::short_url;
use crate::content::{Link, Section};
use crate::ui::layout::Frame;
use crate::ui::theme::{BODY, LABEL};
use crate::ui::view::View;
use crate::ui::widgets::galley;
use crate::ui::widgets::qr::{QrColours, QrSize, qr_ui};

/// The side of a code with its quiet zone, in design points: read by a phone from about a
/// metre on a full-HD screen (see `limits::MAX_LINK_URL_BYTES`).
pub(super) const QR_SIDE: f32 = 264.0;

/// The least side a code keeps when whole pixels per module round it down (design points).
const QR_MIN_SIDE: f32 = 200.0;

/// How far whole pixels per module may take a code over [`QR_SIDE`] (design points): less
/// than the gap to the next block.
const QR_SLACK: f32 = space::XS;

/// The room a code is given, whatever whole pixels make of it (design points).
const FOOTPRINT: f32 = QR_SIDE + QR_SLACK;

/// The narrowest the label and address may be beside the code; narrower columns put them
/// under it (design points).
const TEXT_MIN_W: f32 = 280.0;

/// One link laid out: its code, then its label and short address.
pub(super) struct LinkBlock {
    /// The link's position in the section's list.
    index: usize,
    /// The label (body type).
    label: Arc<Galley>,
    /// The short address (label type).
    address: Arc<Galley>,
    /// The texts stand beside the code (else under it).
    beside: bool,
}

impl LinkBlock {
    /// Lays out link `index` for a column `width` design points wide.
    pub(super) fn new(ui: &Ui, view: &View<'_>, link: &Link, index: usize, width: f32) -> Self {
        let frame = &view.frame;
        let colours = view.colours;
        let beside = width >= FOOTPRINT + space::XL + TEXT_MIN_W;
        let text_w = if beside {
            width - FOOTPRINT - space::XL
        } else {
            width
        };
        let label = galley(
            ui,
            frame,
            view.t(&link.label),
            BODY,
            colours.text,
            text_w,
            0,
        );
        let address = galley(
            ui,
            frame,
            &short_url(view.t(&link.url)),
            LABEL,
            colours.text_secondary,
            text_w,
            0,
        );
        Self {
            index,
            label,
            address,
            beside,
        }
    }

    /// Height of the label and address together (design points).
    fn text_height(&self, frame: &Frame) -> f32 {
        frame.design_len(self.label.size().y) + space::XS + frame.design_len(self.address.size().y)
    }

    /// Height of the whole block (design points).
    pub(super) fn height(&self, frame: &Frame) -> f32 {
        if self.beside {
            FOOTPRINT.max(self.text_height(frame))
        } else {
            FOOTPRINT + space::M + self.text_height(frame)
        }
    }

    /// Draws the block with its top-left at `at` (design points).
    pub(super) fn draw(self, ui: &Ui, view: &View<'_>, section: &Section, at: Pos2) {
        let Some(link) = section.links.get(self.index) else {
            return;
        };
        let frame = &view.frame;
        let colours = view.colours;
        // High contrast's text is white on black: the square stays white, the modules black.
        let qr_colours = QrColours {
            dark: colours.ink,
            light: colours.text,
        };
        let size = QrSize {
            side: frame.pt(QR_SIDE),
            slack: frame.pt(QR_SLACK),
            min_side: frame.pt(QR_MIN_SIDE),
        };
        let drawn = qr_ui(
            ui,
            frame.pos(at),
            size,
            view.t(&link.url),
            qr_colours,
            frame.pt(radii::CHIP),
        );
        // The texts keep their distance from the code as drawn (whole pixels per module
        // make it a little smaller or larger than QR_SIDE).
        let code = Rect::from_min_size(
            at,
            vec2(
                frame.design_len(drawn.width()),
                frame.design_len(drawn.height()),
            ),
        );
        let text_h = self.text_height(frame);
        let text_at = if self.beside {
            pos2(
                code.right() + space::XL,
                at.y + (code.height() - text_h).max(0.0) / 2.0,
            )
        } else {
            pos2(at.x, code.bottom() + space::M)
        };
        let label_h = frame.design_len(self.label.size().y);
        let text_w = frame.design_len(self.label.size().x.max(self.address.size().x));
        let whole = code.union(Rect::from_min_size(text_at, vec2(text_w, text_h)));
        let spoken = format!("{}, {}", self.label.text(), self.address.text());
        ui.painter()
            .galley(frame.pos(text_at), self.label, colours.text);
        ui.painter().galley(
            frame.pos(text_at + vec2(0.0, label_h + space::XS)),
            self.address,
            colours.text_secondary,
        );
        // Named for screen readers as text: a QR code is looked at, never pressed.
        let response = ui.interact(
            frame.rect(whole),
            Id::unique(("section-link", section.id.as_str(), self.index)),
            Sense::hover(),
        );
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &spoken));
    }
}
