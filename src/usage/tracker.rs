//! Derives usage events by comparing what the app shows after each frame with the frame
//! before, so the screens need no hooks. Pure: time is input time in seconds, passed in.

use crate::content::Content;
use crate::map::Selection;
use crate::state::Screen;

use super::event::{Event, tenths};

/// What the tracker looks at after a frame.
#[derive(Clone, Copy, Debug)]
pub struct Observed<'a> {
    /// The screen shown.
    pub screen: &'a Screen,
    /// The visitor's language code.
    pub lang_code: &'a str,
    /// The map visit, while the map screen shows and has been drawn.
    pub map: Option<MapObserved<'a>>,
}

/// The map screen's part of [`Observed`].
#[derive(Clone, Copy, Debug)]
pub struct MapObserved<'a> {
    /// Visibility of each layer of `content.map.layers`.
    pub layers: &'a [bool],
    /// The open card.
    pub selection: Option<Selection>,
}

/// The last frame, owned (copied only when something changed).
#[derive(Clone, Debug, PartialEq)]
struct Last {
    screen: Screen,
    lang_code: String,
    map: Option<(Vec<bool>, Option<Selection>)>,
}

impl Last {
    fn of(observed: &Observed<'_>) -> Self {
        Self {
            screen: observed.screen.clone(),
            lang_code: observed.lang_code.to_owned(),
            map: observed.map.map(|m| (m.layers.to_vec(), m.selection)),
        }
    }

    fn matches(&self, observed: &Observed<'_>) -> bool {
        self.screen == *observed.screen
            && self.lang_code == observed.lang_code
            && match (&self.map, &observed.map) {
                (None, None) => true,
                (Some((layers, selection)), Some(map)) => {
                    layers.as_slice() == map.layers && *selection == map.selection
                }
                _ => false,
            }
    }
}

/// Turns a stream of observed frames into usage events.
#[derive(Debug, Default)]
pub struct Tracker {
    last: Option<Last>,
    /// Input time the current session started.
    session_from: Option<f64>,
    /// The open section's id and the input time it opened.
    section: Option<(String, f64)>,
}

impl Tracker {
    /// A tracker that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The events between the last observed frame and this one, at input time `now` secs.
    pub fn observe(&mut self, observed: &Observed<'_>, content: &Content, now: f64) -> Vec<Event> {
        let mut events = Vec::new();
        let Some(last) = &self.last else {
            // The first frame: a kiosk that starts without the loop starts a session.
            if *observed.screen != Screen::Attract {
                self.session_from = Some(now);
                events.push(Event::SessionStart);
                self.section = section_id(observed.screen, content).map(|id| (id, now));
            }
            self.last = Some(Last::of(observed));
            return events;
        };
        if last.matches(observed) {
            return events;
        }
        let was_attract = last.screen == Screen::Attract;
        let is_attract = *observed.screen == Screen::Attract;
        let screen_changed = last.screen != *observed.screen;

        if screen_changed && let Some((section, since)) = self.section.take() {
            events.push(Event::SectionViewed {
                section,
                dwell_secs: tenths(now - since),
            });
        }
        if was_attract && !is_attract {
            self.session_from = Some(now);
            events.push(Event::SessionStart);
        }
        if !was_attract
            && is_attract
            && let Some(from) = self.session_from.take()
        {
            events.push(Event::SessionEnd {
                secs: tenths(now - from),
            });
        }
        if screen_changed {
            self.section = section_id(observed.screen, content).map(|id| (id, now));
        }
        // The reset puts back the default language: that is no visitor's choice.
        if last.lang_code != observed.lang_code && !is_attract {
            events.push(Event::LanguageChosen {
                lang: observed.lang_code.to_owned(),
            });
        }
        // Layers and cards within one visit of the map (a new visit starts on its preset).
        if !screen_changed
            && let (Some((layers, selection)), Some(map)) = (&last.map, &observed.map)
        {
            if layers.len() == map.layers.len() {
                let toggled = layers.iter().zip(map.layers).enumerate();
                for (index, (_, &on)) in toggled.filter(|(_, (was, is))| *was != *is) {
                    if let Some(layer) = content.map.layers.get(index) {
                        events.push(Event::LayerToggled {
                            layer: layer.id.clone(),
                            on,
                        });
                    }
                }
            }
            if map.selection != *selection
                && let Some(tapped) = map.selection.and_then(|s| tapped(s, content))
            {
                events.push(tapped);
            }
        }
        self.last = Some(Last::of(observed));
        events
    }
}

fn section_id(screen: &Screen, content: &Content) -> Option<String> {
    match screen {
        Screen::Section(index) => content.sections.get(*index).map(|s| s.id.clone()),
        _ => None,
    }
}

fn tapped(selection: Selection, content: &Content) -> Option<Event> {
    match selection {
        Selection::Route(index) => content.map.routes.get(index).map(|r| Event::RouteTapped {
            route: r.id.clone(),
        }),
        Selection::Place(index) => content.map.places.get(index).map(|p| Event::PlaceTapped {
            place: p.id.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content() -> Content {
        crate::content::parse_content(
            r##"(
                languages: [(code: "en", name: "English", default: true), (code: "lt", name: "Lietuvių")],
                story: (title: "T"),
                sections: [(id: "energy", title: "E"), (id: "security", title: "S")],
                map: (
                    layers: [(id: "gas", name: "Gas", colour: "#ff0000"), (id: "oil", name: "Oil", colour: "#00ff00")],
                    places: [
                        (id: "vilnius", kind: City, name: "Vilnius", lat: 54.69, lon: 25.28),
                        (id: "riga", kind: City, name: "Riga", lat: 56.95, lon: 24.1),
                    ],
                    routes: [(id: "gipl", layer: "gas", name: "GIPL", waypoints: [Place("vilnius"), Place("riga")])],
                ),
            )"##,
            std::path::Path::new("test.ron"),
        )
        .unwrap()
    }

    /// A visitor's frames: the screen, language and map, at an injected input time.
    struct Frames {
        tracker: Tracker,
        content: Content,
        events: Vec<Event>,
    }

    impl Frames {
        fn new() -> Self {
            Self {
                tracker: Tracker::new(),
                content: content(),
                events: Vec::new(),
            }
        }

        fn frame(&mut self, now: f64, screen: &Screen, lang: &str, map: Option<MapObserved<'_>>) {
            let observed = Observed {
                screen,
                lang_code: lang,
                map,
            };
            let events = self.tracker.observe(&observed, &self.content, now);
            self.events.extend(events);
        }
    }

    #[test]
    fn a_visit_gives_a_session_with_its_sections_language_and_map_use() {
        let mut f = Frames::new();
        let map = Screen::Map { preset: None };
        f.frame(0.0, &Screen::Attract, "en", None);
        f.frame(30.0, &Screen::Attract, "en", None);
        f.frame(40.0, &Screen::Home, "en", None);
        f.frame(41.0, &Screen::Home, "en", None);
        f.frame(45.0, &Screen::Section(0), "en", None);
        f.frame(50.0, &Screen::Section(0), "lt", None);
        f.frame(62.5, &Screen::Section(1), "lt", None);
        f.frame(70.0, &map, "lt", None);
        let on = [true, true];
        f.frame(
            70.25,
            &map,
            "lt",
            Some(MapObserved {
                layers: &on,
                selection: None,
            }),
        );
        let gas_off = [false, true];
        f.frame(
            75.0,
            &map,
            "lt",
            Some(MapObserved {
                layers: &gas_off,
                selection: None,
            }),
        );
        let place = Some(Selection::Place(1));
        f.frame(
            76.0,
            &map,
            "lt",
            Some(MapObserved {
                layers: &gas_off,
                selection: place,
            }),
        );
        f.frame(
            77.0,
            &map,
            "lt",
            Some(MapObserved {
                layers: &on,
                selection: place,
            }),
        );
        let route = Some(Selection::Route(0));
        f.frame(
            78.0,
            &map,
            "lt",
            Some(MapObserved {
                layers: &on,
                selection: route,
            }),
        );
        f.frame(
            79.0,
            &map,
            "lt",
            Some(MapObserved {
                layers: &on,
                selection: None,
            }),
        );
        f.frame(80.0, &Screen::Home, "lt", None);
        f.frame(120.0, &Screen::Section(1), "lt", None);
        // The idle reset: the loop, the default language.
        f.frame(300.0, &Screen::Attract, "en", None);
        f.frame(400.0, &Screen::Attract, "en", None);
        assert_eq!(
            f.events,
            vec![
                Event::SessionStart,
                Event::LanguageChosen {
                    lang: "lt".to_owned()
                },
                Event::SectionViewed {
                    section: "energy".to_owned(),
                    dwell_secs: 17.5
                },
                Event::SectionViewed {
                    section: "security".to_owned(),
                    dwell_secs: 7.5
                },
                Event::LayerToggled {
                    layer: "gas".to_owned(),
                    on: false
                },
                Event::PlaceTapped {
                    place: "riga".to_owned()
                },
                Event::LayerToggled {
                    layer: "gas".to_owned(),
                    on: true
                },
                Event::RouteTapped {
                    route: "gipl".to_owned()
                },
                Event::SectionViewed {
                    section: "security".to_owned(),
                    dwell_secs: 180.0
                },
                Event::SessionEnd { secs: 260.0 },
            ],
            "events"
        );
    }

    #[test]
    fn a_new_map_visit_on_a_preset_is_no_toggle_and_swipes_time_each_section() {
        let mut f = Frames::new();
        f.frame(0.0, &Screen::Attract, "en", None);
        f.frame(1.0, &Screen::Section(0), "en", None);
        // A swipe to the neighbour.
        f.frame(4.0, &Screen::Section(1), "en", None);
        let preset = Screen::Map {
            preset: Some("energy".to_owned()),
        };
        f.frame(6.0, &preset, "en", None);
        // The visit starts with the preset's layers and the stale visit's values are not compared.
        let gas_only = [true, false];
        f.frame(
            6.25,
            &preset,
            "en",
            Some(MapObserved {
                layers: &gas_only,
                selection: None,
            }),
        );
        assert_eq!(
            f.events,
            vec![
                Event::SessionStart,
                Event::SectionViewed {
                    section: "energy".to_owned(),
                    dwell_secs: 3.0
                },
                Event::SectionViewed {
                    section: "security".to_owned(),
                    dwell_secs: 2.0
                },
            ],
            "events"
        );
    }

    #[test]
    fn a_kiosk_that_starts_without_the_loop_starts_a_session_on_its_first_frame() {
        let mut f = Frames::new();
        f.frame(0.5, &Screen::Home, "en", None);
        f.frame(10.5, &Screen::Attract, "en", None);
        assert_eq!(
            f.events,
            vec![Event::SessionStart, Event::SessionEnd { secs: 10.0 }],
            "events"
        );
    }
}
