//! A section's gallery, pure: which of its pictures is shown, moved by a swipe across the
//! picture or a tap on a dot. The picture follows the finger while it is dragged.

use super::navigation::{COMMIT_FRACTION, COMMIT_SPEED};

/// Which picture of a section's gallery is shown, and how far a finger has dragged it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Gallery {
    /// The picture shown, counting from 0.
    index: usize,
    /// How far the picture follows a finger sideways, in design points (positive: right).
    drag: f32,
}

impl Gallery {
    /// The picture shown in a gallery of `count` pictures (0 when there are none).
    pub fn current(&self, count: usize) -> usize {
        self.index.min(count.saturating_sub(1))
    }

    /// Shows picture `index` of `count`; one beyond the last is ignored.
    pub fn select(&mut self, index: usize, count: usize) {
        if index < count {
            self.index = index;
        }
        self.drag = 0.0;
    }

    /// The next picture, if there is one after the current.
    pub fn next(&mut self, count: usize) {
        let current = self.current(count);
        self.select(current + 1, count);
    }

    /// The previous picture, if there is one before the current.
    pub fn previous(&mut self, count: usize) {
        if let Some(before) = self.current(count).checked_sub(1) {
            self.select(before, count);
        }
    }

    /// Back to the first picture with nothing dragged (the section is entered again).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// The finger has dragged the picture `dx` design points sideways in all, in a gallery
    /// of `count`: it follows, with resistance where there is no picture on that side.
    pub fn drag(&mut self, dx: f32, count: usize) {
        let current = self.current(count);
        let has_previous = current > 0;
        let has_next = current + 1 < count;
        let open = if dx > 0.0 { has_previous } else { has_next };
        self.drag = if open { dx } else { dx * 0.25 };
    }

    /// How far the picture is dragged sideways (design points, positive: right).
    pub fn offset(&self) -> f32 {
        self.drag
    }

    /// The finger lifts after dragging `dx` design points at `velocity` design points a
    /// second, over a picture `width` wide: past a quarter of the width, or flicked, the
    /// gallery turns to the neighbour on that side (if there is one). Returns whether it
    /// turned.
    pub fn release(&mut self, dx: f32, velocity: f32, width: f32, count: usize) -> bool {
        let before = self.current(count);
        let far = dx.abs() > width * COMMIT_FRACTION;
        let flicked = velocity.abs() > COMMIT_SPEED && velocity.signum() == dx.signum();
        if far || flicked {
            if dx < 0.0 {
                self.next(count);
            } else {
                self.previous(count);
            }
        }
        self.drag = 0.0;
        self.current(count) != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gallery_starts_on_its_first_picture_and_steps_within_its_pictures() {
        let mut gallery = Gallery::default();
        assert_eq!(gallery.current(3), 0, "the first picture first");
        gallery.previous(3);
        assert_eq!(gallery.current(3), 0, "nothing before the first");
        gallery.next(3);
        gallery.next(3);
        assert_eq!(gallery.current(3), 2, "the third");
        gallery.next(3);
        assert_eq!(gallery.current(3), 2, "nothing after the last");
        gallery.select(7, 3);
        assert_eq!(gallery.current(3), 2, "a dot beyond the last is ignored");
        gallery.select(1, 3);
        assert_eq!(gallery.current(3), 1, "a dot selects its picture");
        assert_eq!(gallery.current(1), 0, "content with fewer pictures clamps");
        assert_eq!(gallery.current(0), 0, "no pictures");
        gallery.reset();
        assert_eq!(
            gallery,
            Gallery::default(),
            "entered again: the first picture"
        );
    }

    #[test]
    fn a_swipe_turns_past_a_quarter_or_when_flicked_and_springs_back_otherwise() {
        let mut gallery = Gallery::default();
        gallery.drag(-100.0, 3);
        assert!(
            (gallery.offset() + 100.0).abs() < 1e-6,
            "follows the finger"
        );
        assert!(
            !gallery.release(-100.0, 0.0, 800.0, 3),
            "a short slow drag springs back"
        );
        assert_eq!(gallery.current(3), 0, "still the first");
        assert!(
            gallery.offset().abs() < 1e-6,
            "nothing dragged after release"
        );
        assert!(gallery.release(-300.0, 0.0, 800.0, 3), "past a quarter");
        assert_eq!(gallery.current(3), 1, "the next picture");
        assert!(gallery.release(60.0, 900.0, 800.0, 3), "a flick right");
        assert_eq!(gallery.current(3), 0, "the previous picture");
        assert!(
            !gallery.release(60.0, -900.0, 800.0, 3),
            "a flick against the drag does not turn"
        );
        assert!(
            !gallery.release(400.0, 0.0, 800.0, 3),
            "nothing before the first"
        );
        gallery.drag(100.0, 3);
        assert!(
            (gallery.offset() - 25.0).abs() < 1e-6,
            "resists where there is no picture"
        );
    }
}
