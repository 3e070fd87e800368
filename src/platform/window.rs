//! The kiosk window's settings: fullscreen, undecorated and on top in kiosk mode, or a
//! resizable window of a given size; and the renderer.

/// How the window opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowSettings {
    /// A resizable window of this inner size in pixels (None: kiosk mode, fullscreen).
    pub windowed: Option<[u32; 2]>,
    /// Draw with wgpu (Vulkan, Metal, DirectX 12 or OpenGL) instead of glow (OpenGL).
    pub wgpu: bool,
}

/// eframe's options for a window as `settings` describe it.
pub fn native_options(settings: WindowSettings) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Vitrina")
        .with_app_id("vitrina");
    if let Some([w, h]) = settings.windowed {
        #[expect(clippy::cast_precision_loss, reason = "window sizes")]
        let size = [w as f32, h as f32];
        viewport = viewport.with_inner_size(size).with_resizable(true);
    } else {
        viewport = viewport
            .with_fullscreen(true)
            .with_decorations(false)
            .with_window_level(egui::WindowLevel::AlwaysOnTop);
    }
    eframe::NativeOptions {
        viewport,
        renderer: if settings.wgpu {
            eframe::Renderer::Wgpu
        } else {
            eframe::Renderer::Glow
        },
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_mode_opens_fullscreen_without_decorations() {
        let options = native_options(WindowSettings {
            windowed: None,
            wgpu: false,
        });
        assert_eq!(options.viewport.fullscreen, Some(true), "fullscreen");
        assert_eq!(options.viewport.decorations, Some(false), "no title bar");
        assert_eq!(options.renderer, eframe::Renderer::Glow, "glow by default");
    }

    #[test]
    fn a_windowed_kiosk_opens_at_its_size_and_can_be_resized() {
        let options = native_options(WindowSettings {
            windowed: Some([1280, 720]),
            wgpu: true,
        });
        assert_eq!(
            options.viewport.inner_size,
            Some(egui::vec2(1280.0, 720.0)),
            "the given size"
        );
        assert_eq!(options.viewport.resizable, Some(true), "resizable");
        assert_eq!(options.renderer, eframe::Renderer::Wgpu, "wgpu asked for");
    }
}
