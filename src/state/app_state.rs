//! Where the visitor is (`Screen`, `AppState`) and how intents change it. Pure: no egui, no clock.

use crate::content::{Content, Slide};

/// What fills the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    /// The story's title and a tile per section.
    Home,
    /// One section, by its position in `Content::sections`.
    Section(usize),
    /// The map, optionally on a preset view.
    Map {
        /// The preset to open (`None`: the whole map).
        preset: Option<String>,
    },
    /// The attract loop (its own issue; waking leads Home).
    Attract,
    /// Who made the pictures, map data and fonts, and under what licence.
    Credits,
}

/// What a view asks for; applied after the pass by [`AppState::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum Intent {
    /// Open a section by index.
    OpenSection(usize),
    /// Turn to a neighbouring section (pager or swipe): Back still leads where the visitor came from.
    TurnTo(usize),
    /// Go back one screen.
    Back,
    /// Go to Home.
    Home,
    /// Switch language, staying on the same screen.
    SetLanguage(String),
    /// Open the map (on a preset).
    ShowOnMap(Option<String>),
    /// Leave the attract loop.
    Wake,
    /// Open the credits page.
    ShowCredits,
}

/// Where the visitor is and what language they read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppState {
    /// The screen shown.
    pub screen: Screen,
    /// Screens to go back to, most recent last.
    pub history: Vec<Screen>,
    /// The visitor's language code.
    pub lang_code: String,
}

/// How many screens Back remembers.
const HISTORY_LIMIT: usize = 32;

impl AppState {
    /// The state a visitor starts in: Home in the default language.
    pub fn new(content: &Content) -> Self {
        Self {
            screen: Screen::Home,
            history: Vec::new(),
            lang_code: content.default_lang_code().to_owned(),
        }
    }

    /// The state after the touch that wakes the attract loop: Home, or with
    /// `wake_into_section` the section (or map stop) of the slide that was showing.
    pub fn woken(content: &Content, showing: Option<(&Slide, Option<usize>)>) -> Self {
        let mut state = Self::new(content);
        if !content.kiosk.wake_into_section {
            return state;
        }
        let screen = showing.and_then(|(slide, tour_stop)| match slide {
            Slide::MapTour { presets, .. } => Some(Screen::Map {
                preset: presets.get(tour_stop.unwrap_or(0)).cloned(),
            }),
            _ => slide
                .section_id()
                .and_then(|id| content.section_index(id))
                .map(Screen::Section),
        });
        if let Some(screen) = screen {
            // Back leads Home, where a visitor who did not choose this screen expects it.
            state.history.push(Screen::Home);
            state.screen = screen;
        }
        state
    }

    /// Applies one intent.
    pub fn apply(&mut self, intent: Intent, content: &Content) {
        match intent {
            Intent::OpenSection(index) => {
                if index < content.sections.len() {
                    self.go(Screen::Section(index));
                }
            }
            Intent::TurnTo(index) => self.swipe_to(index, content),
            Intent::Back => {
                self.screen = self.history.pop().unwrap_or(Screen::Home);
            }
            Intent::Home | Intent::Wake => {
                self.history.clear();
                self.screen = Screen::Home;
            }
            Intent::SetLanguage(code) => {
                if content.languages.iter().any(|lang| lang.code == code) {
                    self.lang_code = code;
                }
            }
            Intent::ShowOnMap(preset) => self.go(Screen::Map { preset }),
            Intent::ShowCredits => self.go(Screen::Credits),
        }
    }

    /// Moves to the next or previous section by a swipe: replaces the screen so that
    /// Back still leads where the visitor came from, not through every swiped page.
    pub fn swipe_to(&mut self, index: usize, content: &Content) {
        if index < content.sections.len() {
            self.screen = Screen::Section(index);
        }
    }

    fn go(&mut self, screen: Screen) {
        if self.screen != screen {
            let previous = std::mem::replace(&mut self.screen, screen);
            self.history.push(previous);
            if self.history.len() > HISTORY_LIMIT {
                self.history.remove(0);
            }
        }
    }

    /// The same place in `new`, a day's part of the same content as `old` (dated content):
    /// sections are found again by id; a visitor on a section `new` leaves out goes Home,
    /// and Back forgets the sections left out.
    #[must_use]
    pub fn renumbered(&self, old: &Content, new: &Content) -> Self {
        let find = |screen: &Screen| match screen {
            Screen::Section(index) => old
                .sections
                .get(*index)
                .and_then(|section| new.section_index(&section.id))
                .map(Screen::Section),
            other => Some(other.clone()),
        };
        let mut next = self.clone();
        if let Some(screen) = find(&self.screen) {
            next.screen = screen;
            next.history = self.history.iter().filter_map(find).collect();
        } else {
            next.screen = Screen::Home;
            next.history.clear();
        }
        next
    }

    /// After new content is loaded: keep the visitor where they are when that still exists.
    pub fn revalidate(&mut self, content: &Content) {
        let exists = |screen: &Screen| match screen {
            Screen::Section(index) => *index < content.sections.len(),
            Screen::Map {
                preset: Some(preset),
            } => content.map.presets.iter().any(|p| &p.id == preset),
            _ => true,
        };
        if !exists(&self.screen) {
            self.screen = Screen::Home;
            self.history.clear();
        }
        self.history.retain(|screen| exists(screen));
        if !content.languages.iter().any(|l| l.code == self.lang_code) {
            content.default_lang_code().clone_into(&mut self.lang_code);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        crate::content::parse_content(
            r#"(
                languages: [(code: "en", name: "English", default: true), (code: "lt", name: "Lietuvių")],
                story: (title: "T"),
                sections: [(id: "a", title: "A"), (id: "b", title: "B")],
            )"#,
            std::path::Path::new("test.ron"),
        )
        .unwrap()
    }

    #[test]
    fn waking_leads_home_unless_content_asks_for_the_slide_s_section() {
        let mut content = content();
        let hero = Slide::Hero {
            section: "b".to_owned(),
            secs: None,
            show: None,
        };
        let tour = Slide::MapTour {
            presets: vec!["p1".to_owned(), "p2".to_owned()],
            secs: None,
            show: None,
        };
        assert_eq!(
            AppState::woken(&content, Some((&hero, None))).screen,
            Screen::Home,
            "off by default"
        );
        content.kiosk.wake_into_section = true;
        let woken = AppState::woken(&content, Some((&hero, None)));
        assert_eq!(woken.screen, Screen::Section(1), "the hero's section");
        assert_eq!(woken.history, vec![Screen::Home], "Back leads Home");
        assert_eq!(
            AppState::woken(&content, Some((&tour, Some(1)))).screen,
            Screen::Map {
                preset: Some("p2".to_owned())
            },
            "the tour's current stop"
        );
        let loose_picture = Slide::Picture {
            picture: crate::content::parse_content(
                r#"(languages: [(code: "en", name: "E")], story: (title: "T"),
                    sections: [(id: "a", title: "A", pictures: [(path: "x.png")])])"#,
                std::path::Path::new("p.ron"),
            )
            .unwrap()
            .sections[0]
                .pictures[0]
                .clone(),
            section: None,
            secs: None,
            show: None,
        };
        assert_eq!(
            AppState::woken(&content, Some((&loose_picture, None))).screen,
            Screen::Home,
            "a picture of no section wakes Home"
        );
        assert_eq!(
            AppState::woken(&content, None).screen,
            Screen::Home,
            "no slide"
        );
    }

    #[test]
    fn back_returns_to_the_screen_the_visitor_came_from() {
        let content = content();
        let mut state = AppState::new(&content);
        state.apply(Intent::OpenSection(1), &content);
        state.apply(Intent::ShowOnMap(None), &content);
        state.apply(Intent::Back, &content);
        assert_eq!(state.screen, Screen::Section(1), "back to section");
        state.apply(Intent::Back, &content);
        assert_eq!(state.screen, Screen::Home, "back to home");
        state.apply(Intent::Back, &content);
        assert_eq!(state.screen, Screen::Home, "back on home stays home");
    }

    #[test]
    fn a_language_switch_keeps_the_screen() {
        let content = content();
        let mut state = AppState::new(&content);
        state.apply(Intent::OpenSection(1), &content);
        state.apply(Intent::SetLanguage("lt".to_owned()), &content);
        assert_eq!(
            (state.screen.clone(), state.lang_code.as_str()),
            (Screen::Section(1), "lt"),
            "kept"
        );
        state.apply(Intent::SetLanguage("xx".to_owned()), &content);
        assert_eq!(state.lang_code, "lt", "unknown language ignored");
    }

    #[test]
    fn credits_open_from_any_screen_and_back_returns_there() {
        let content = content();
        let mut state = AppState::new(&content);
        state.apply(Intent::ShowOnMap(None), &content);
        state.apply(Intent::ShowCredits, &content);
        assert_eq!(state.screen, Screen::Credits, "the credits page");
        state.apply(Intent::ShowCredits, &content);
        assert_eq!(state.history.len(), 2, "opening it again adds nothing");
        state.apply(Intent::Back, &content);
        assert_eq!(
            state.screen,
            Screen::Map { preset: None },
            "back to the map"
        );
    }

    #[test]
    fn swiping_does_not_fill_the_back_history() {
        let content = content();
        let mut state = AppState::new(&content);
        state.apply(Intent::OpenSection(0), &content);
        state.swipe_to(1, &content);
        state.apply(Intent::Back, &content);
        assert_eq!(state.screen, Screen::Home, "back skips swiped pages");
    }

    #[test]
    fn a_new_day_keeps_the_visitor_on_their_section_or_leads_home_from_a_hidden_one() {
        let content = content();
        let mut state = AppState::new(&content);
        state.apply(Intent::OpenSection(0), &content);
        state.apply(Intent::OpenSection(1), &content);
        let mut without_a = content.clone();
        without_a.sections.remove(0);
        let next = state.renumbered(&content, &without_a);
        assert_eq!(next.screen, Screen::Section(0), "b, now first");
        assert_eq!(next.history, vec![Screen::Home], "Back skips the hidden a");
        let mut without_b = content.clone();
        without_b.sections.truncate(1);
        let next = state.renumbered(&content, &without_b);
        assert_eq!(
            (next.screen, next.history),
            (Screen::Home, Vec::new()),
            "b is hidden: Home"
        );
    }

    #[test]
    fn a_section_that_disappears_on_reload_leads_home() {
        let content = content();
        let mut state = AppState::new(&content);
        state.apply(Intent::OpenSection(1), &content);
        let mut smaller = content.clone();
        smaller.sections.truncate(1);
        state.revalidate(&smaller);
        assert_eq!(state.screen, Screen::Home, "home");
    }
}
