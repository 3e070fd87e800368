//! Windows builds with MinGW-w64 link OpenH264's C++ runtime statically (see
//! `.cargo/config.toml`): libstdc++ and what it needs from libgcc and MinGW's C runtime, after
//! everything else on the link line, so the portable .exe needs no MinGW DLL beside it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "windows" && env == "gnu" {
        for arg in [
            "-Wl,-Bstatic",
            "-l:libstdc++.a",
            "-lmingw32",
            "-lgcc_eh",
            "-lgcc",
            "-lmingw32",
            "-lmingwex",
            "-lmsvcrt",
            "-lkernel32",
        ] {
            println!("cargo:rustc-link-arg={arg}");
        }
    }
}
