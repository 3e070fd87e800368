//! The attract loop's picture drawn by OpenGL directly (glow only), in the one form Mesa's
//! software renderer fills at 8 bits a channel on its fast "linear" path: an opaque quad
//! whose fragment shader is a single texture fetch. egui's own shader multiplies the
//! texture by an interpolated vertex colour, which llvmpipe cannot take that path for, so
//! every pixel of a full-screen picture went through its general 32-bit float pipeline.
//! Measured at 1080p (docs/performance.md): the picture's share of the loop's CPU falls by
//! about a third; a second texture in the shader, or a blended gradient over the picture,
//! loses what it gains, which is why the scrim is baked into the picture's texels instead
//! (`platform::images::Scrim`).

#![expect(
    unsafe_code,
    reason = "OpenGL calls are unsafe in glow. Every call here runs inside egui_glow's paint \
              callback on the thread and context egui_glow draws with, on objects this \
              module created on that context, with sizes and pointers taken from Rust slices."
)]

use std::sync::Arc;

use eframe::egui_glow;
use eframe::glow::{self, HasContext};
use egui::{Id, Rect};

/// The GL objects the picture is drawn with, made once on egui_glow's context (they go
/// with the context when the window closes).
pub struct GlPicture {
    program: glow::Program,
    u_sampler: glow::UniformLocation,
    a_pos: u32,
    a_tc: u32,
    vbo: glow::Buffer,
    vao: Option<glow::VertexArray>,
}

/// What one frame draws: the picture's texture and its crop.
#[derive(Clone, Copy, Debug)]
pub struct PictureDraw {
    /// egui's id of the picture's texture.
    pub texture: egui::TextureId,
    /// The crop of the texture shown (0..1 each way).
    pub uv: Rect,
}

const VERTEX: &str = r"
#if NEW_SHADER_INTERFACE
    #define attribute in
    #define varying out
#endif
attribute vec2 a_pos;
attribute vec2 a_tc;
varying vec2 v_tc;
void main() {
    gl_Position = vec4(a_pos, 0.0, 1.0);
    v_tc = a_tc;
}
";

// One texture fetch and nothing else: what llvmpipe's linear path accepts.
const FRAGMENT: &str = r"
#ifdef GL_ES
    precision mediump float;
#endif
uniform sampler2D u_sampler;
#if NEW_SHADER_INTERFACE
    in vec2 v_tc;
    out vec4 f_color;
    #define gl_FragColor f_color
    #define texture2D texture
#else
    varying vec2 v_tc;
#endif
void main() {
    gl_FragColor = texture2D(u_sampler, v_tc);
}
";

impl GlPicture {
    /// Compiles the shader on `gl`. An error (an old or odd driver) leaves the picture to
    /// egui's painter.
    pub fn new(gl: &glow::Context) -> Result<Self, String> {
        let version = egui_glow::ShaderVersion::get(gl);
        let header = format!(
            "{}\n#define NEW_SHADER_INTERFACE {}\n",
            version.version_declaration(),
            i32::from(version.is_new_shader_interface()),
        );
        // SAFETY: see the module's `expect`; all objects are made on `gl` and used only on it.
        unsafe {
            let program = gl.create_program()?;
            let mut shaders = Vec::new();
            for (kind, source) in [
                (glow::VERTEX_SHADER, VERTEX),
                (glow::FRAGMENT_SHADER, FRAGMENT),
            ] {
                let shader = gl.create_shader(kind)?;
                gl.shader_source(shader, &format!("{header}{source}"));
                gl.compile_shader(shader);
                if !gl.get_shader_compile_status(shader) {
                    return Err(gl.get_shader_info_log(shader));
                }
                gl.attach_shader(program, shader);
                shaders.push(shader);
            }
            gl.link_program(program);
            if !gl.get_program_link_status(program) {
                return Err(gl.get_program_info_log(program));
            }
            for shader in shaders {
                gl.detach_shader(program, shader);
                gl.delete_shader(shader);
            }
            let attribute = |name: &str| {
                gl.get_attrib_location(program, name)
                    .ok_or_else(|| format!("no attribute {name}"))
            };
            let picture = Self {
                program,
                u_sampler: gl
                    .get_uniform_location(program, "u_sampler")
                    .ok_or("no uniform u_sampler")?,
                a_pos: attribute("a_pos")?,
                a_tc: attribute("a_tc")?,
                vbo: gl.create_buffer()?,
                // GL 3 core profiles need a vertex array; GL 2 and ES 2 have none.
                vao: gl.create_vertex_array().ok(),
            };
            Ok(picture)
        }
    }

    /// Draws `draw` opaque over the callback's whole viewport.
    fn paint(&self, painter: &egui_glow::Painter, draw: &PictureDraw) {
        let Some(texture) = painter.texture(draw.texture) else {
            return;
        };
        let gl = painter.gl();
        let uv = draw.uv;
        // A triangle strip: top left, bottom left, top right, bottom right (y up in GL).
        #[rustfmt::skip]
        let vertices: [f32; 16] = [
            -1.0,  1.0, uv.left(),  uv.top(),
            -1.0, -1.0, uv.left(),  uv.bottom(),
             1.0,  1.0, uv.right(), uv.top(),
             1.0, -1.0, uv.right(), uv.bottom(),
        ];
        let bytes: Vec<u8> = vertices.iter().flat_map(|v| v.to_ne_bytes()).collect();
        // SAFETY: see the module's `expect`.
        unsafe {
            gl.use_program(Some(self.program));
            gl.bind_vertex_array(self.vao);
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(self.vbo));
            gl.buffer_data_u8_slice(glow::ARRAY_BUFFER, &bytes, glow::STREAM_DRAW);
            let stride = 4 * 4;
            for (location, offset) in [(self.a_pos, 0), (self.a_tc, 8)] {
                gl.enable_vertex_attrib_array(location);
                gl.vertex_attrib_pointer_f32(location, 2, glow::FLOAT, false, stride, offset);
            }
            gl.active_texture(glow::TEXTURE0);
            gl.bind_texture(glow::TEXTURE_2D, Some(texture));
            gl.uniform_1_i32(Some(&self.u_sampler), 0);
            // The picture covers the ink: nothing to blend, nothing to read back.
            // (egui_glow restores its own state after the callback.)
            gl.disable(glow::BLEND);
            gl.draw_arrays(glow::TRIANGLE_STRIP, 0, 4);
            for location in [self.a_pos, self.a_tc] {
                gl.disable_vertex_attrib_array(location);
            }
            gl.bind_vertex_array(None);
        }
    }
}

fn id() -> Id {
    Id::unique("vitrina::gl_picture")
}

/// Makes the painter on the window's glow context and keeps it in `ctx` for
/// [`picture_shape`]. Without glow (wgpu, tests, previews) nothing is kept and the picture
/// stays egui's mesh.
pub fn install(ctx: &egui::Context, gl: Option<&Arc<glow::Context>>) {
    let Some(gl) = gl else { return };
    match GlPicture::new(gl) {
        Ok(picture) => ctx.data_mut(|d| {
            d.insert_temp(id(), Arc::new(picture));
        }),
        Err(err) => log::warn!("the attract picture uses egui's painter: {err}"),
    }
}

/// The shape that draws `draw` over `rect` with the GL painter, if one was installed.
pub fn picture_shape(ctx: &egui::Context, rect: Rect, draw: PictureDraw) -> Option<egui::Shape> {
    let picture = ctx.data(|d| d.get_temp::<Arc<GlPicture>>(id()))?;
    let callback = egui_glow::CallbackFn::new(move |_info, painter| picture.paint(painter, &draw));
    Some(egui::Shape::Callback(egui::PaintCallback {
        rect,
        callback: Arc::new(callback),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_installed_without_glow() {
        let ctx = egui::Context::default();
        install(&ctx, None);
        let draw = PictureDraw {
            texture: egui::TextureId::default(),
            uv: Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
        };
        assert!(
            picture_shape(&ctx, Rect::ZERO, draw).is_none(),
            "egui's mesh draws the picture"
        );
    }
}
