//! Windows only: turn off the press-and-hold feedback (the ring Windows draws under a finger
//! held still, then a right-click), which would clash with the kiosk's own hold gestures.

use std::ffi::c_void;

use raw_window_handle::{HasWindowHandle as _, RawWindowHandle};
use windows_sys::Win32::UI::WindowsAndMessaging::SetPropW;

/// `TABLET_DISABLE_PRESSANDHOLD` from tpcshrd.h: the flag in the window property below.
const TABLET_DISABLE_PRESSANDHOLD: usize = 0x0000_0001;

/// Tells the Windows tablet service not to show press-and-hold feedback on the kiosk window,
/// by setting the window property `MicrosoftTabletPenServiceProperty` (the documented way).
/// Logs and carries on if the window handle is not a Win32 one.
#[expect(
    unsafe_code,
    reason = "SetPropW is a Win32 call. It is sound here: the HWND comes from the window that \
              eframe created and still owns during the creation closure; the property name \
              is a NUL-terminated UTF-16 string that lives across the call; the value is an \
              integer flag stored in a pointer-sized slot, never dereferenced, so nothing is \
              borrowed or freed. The window lives until the process exits, and the system \
              drops its properties with it."
)]
pub fn disable_press_and_hold(cc: &eframe::CreationContext<'_>) {
    let hwnd = match cc.window_handle().map(|handle| handle.as_raw()) {
        Ok(RawWindowHandle::Win32(win32)) => win32.hwnd.get() as *mut c_void,
        Ok(other) => {
            log::warn!("press-and-hold stays on: not a Win32 window ({other:?})");
            return;
        }
        Err(err) => {
            log::warn!("press-and-hold stays on: no window handle ({err})");
            return;
        }
    };
    let name: Vec<u16> = "MicrosoftTabletPenServiceProperty"
        .encode_utf16()
        .chain(std::iter::once(0))
        .collect();
    let value = std::ptr::without_provenance_mut::<c_void>(TABLET_DISABLE_PRESSANDHOLD);
    // SAFETY: see the reason on this function's `expect`.
    let ok = unsafe { SetPropW(hwnd, name.as_ptr(), value) };
    if ok == 0 {
        log::warn!(
            "press-and-hold stays on: SetPropW failed ({})",
            std::io::Error::last_os_error()
        );
    } else {
        log::info!("press-and-hold feedback turned off for the kiosk window");
    }
}
