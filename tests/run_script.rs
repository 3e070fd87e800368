//! `scripts/run.sh --check-only`, the set-up part of the README's run command, for root and
//! for a normal user (issue 16): with everything installed it calls neither apt-get nor sudo;
//! with a package missing it installs only the run list, through sudo when not root, and says
//! what it installs; with cargo missing it goes to rustup.
//!
//! apt-get, sudo, curl and (where noted) dpkg-query and cargo are stand-ins in a folder put
//! first on PATH, which write what they were asked to a log: the test never installs
//! anything nor reaches the network. Needs dpkg-query (Debian); skipped without it, except
//! when `CI` is set. The normal user `kioskop` is made (useradd) when the test runs as root
//! with `CI` set; otherwise the normal-user cases run as the current user when it is not root.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const NORMAL_USER: &str = "kioskop";

/// Whom run.sh runs as: this process's user, or another through runuser.
#[derive(Clone, Copy, Debug)]
enum Who {
    Myself,
    User(&'static str),
}

/// A folder of stand-in programs and the log they write to, readable by every user.
struct Shims {
    dir: tempfile::TempDir,
    bin: PathBuf,
    log: PathBuf,
}

fn write_program(path: &Path, body: &str) {
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).expect("stand-in written");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("executable");
}

/// Stand-ins for apt-get, sudo and curl, and with `fake_cargo` a cargo; with
/// `nothing_installed` a dpkg-query that knows no package.
fn shims(fake_cargo: bool, nothing_installed: bool) -> Shims {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("bin");
    // A copy of the two scripts, so that a normal user can read them even when the checkout
    // is in a folder only root may enter (such as /root).
    let scripts = dir.path().join("scripts");
    std::fs::create_dir(&scripts).expect("scripts");
    for script in ["run.sh", "install-deps.sh"] {
        std::fs::copy(
            Path::new(ROOT).join("scripts").join(script),
            scripts.join(script),
        )
        .expect("script copied");
    }
    let log = dir.path().join("calls.log");
    std::fs::write(&log, "").expect("log");
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o666)).expect("chmod log");
    let record = |name: &str| format!("echo \"{name} $*\" >> '{}'", log.display());
    write_program(&bin.join("apt-get"), &record("apt-get"));
    write_program(&bin.join("sudo"), &record("sudo"));
    write_program(&bin.join("curl"), &format!("{}\nexit 7", record("curl")));
    if fake_cargo {
        write_program(&bin.join("cargo"), "echo 'cargo 1.95.0 (stand-in)'");
    }
    if nothing_installed {
        write_program(&bin.join("dpkg-query"), "exit 1");
    }
    Shims { dir, bin, log }
}

/// `bash scripts/run.sh --check-only` as `who`, with the stand-ins first on PATH and `home`
/// as HOME.
fn check_only(shims: &Shims, who: Who, home: &Path) -> (Output, String) {
    let path = format!(
        "{}:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        shims.bin.display()
    );
    let mut command = match who {
        Who::User(user) => {
            let mut command = Command::new("runuser");
            command.args(["-u", user, "--", "env"]);
            command
        }
        Who::Myself => Command::new("env"),
    };
    let output = command
        .arg(format!("PATH={path}"))
        .arg(format!("HOME={}", home.display()))
        .args(["bash", "scripts/run.sh", "--check-only"])
        .current_dir(shims.dir.path())
        .output()
        .expect("bash runs");
    let calls = std::fs::read_to_string(&shims.log).expect("log");
    (output, calls)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn is_root() -> bool {
    let output = Command::new("id").arg("-u").output().expect("id runs");
    String::from_utf8_lossy(&output.stdout).trim() == "0"
}

/// The normal user to run as: `kioskop` (made if missing) when root in CI, this process's
/// own user when it is not root, and none otherwise.
fn normal_user() -> Option<Who> {
    if !is_root() {
        return Some(Who::Myself);
    }
    std::env::var_os("CI")?;
    let known = Command::new("id")
        .arg(NORMAL_USER)
        .output()
        .expect("id runs")
        .status
        .success();
    if !known {
        let made = Command::new("useradd")
            .args(["-m", NORMAL_USER])
            .status()
            .expect("useradd runs");
        assert!(made.success(), "useradd -m {NORMAL_USER}");
    }
    Some(Who::User(NORMAL_USER))
}

/// A home folder the user can write to (an empty one, so no ~/.cargo is found there).
fn home_for(who: Who) -> tempfile::TempDir {
    let home = tempfile::tempdir().expect("home");
    if let Who::User(user) = who {
        let owned = Command::new("chown")
            .arg(format!("{user}:"))
            .arg(home.path())
            .status()
            .expect("chown runs");
        assert!(owned.success(), "chown the test home to {user}");
    }
    home
}

#[allow(clippy::print_stderr, reason = "the test reports a skip")]
fn dpkg_present() -> bool {
    if Path::new("/usr/bin/dpkg-query").is_file() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but dpkg-query is missing"
    );
    eprintln!("skipped: not a Debian system (no dpkg-query)");
    false
}

/// Everything `install-deps.sh --run` lists is installed on this machine.
fn run_list_installed() -> bool {
    let list = Command::new("bash")
        .args(["scripts/install-deps.sh", "--list-run"])
        .current_dir(ROOT)
        .output()
        .expect("install-deps.sh runs");
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    list.split_whitespace().all(|package| {
        let status = Command::new("dpkg-query")
            .args(["-W", "-f=${db:Status-Status}", package])
            .output()
            .expect("dpkg-query runs");
        String::from_utf8_lossy(&status.stdout) == "installed"
    })
}

#[test]
#[allow(clippy::print_stderr, reason = "the test reports a skip")]
fn with_everything_installed_it_installs_nothing() {
    if !dpkg_present() {
        return;
    }
    if !run_list_installed() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but the run list is not installed: .ci/run runs install-deps.sh"
        );
        eprintln!(
            "skipped: the run list is not installed here (bash scripts/install-deps.sh --run)"
        );
        return;
    }
    let mut users = vec![Who::Myself];
    if let Some(user @ Who::User(_)) = normal_user() {
        users.push(user);
    }
    for user in users {
        let shims = shims(true, false);
        let home = home_for(user);
        let (output, calls) = check_only(&shims, user, home.path());
        assert!(
            output.status.success(),
            "run.sh --check-only as {user:?} failed: {}",
            stderr(&output)
        );
        assert_eq!(
            calls, "",
            "as {user:?}, nothing to install, yet it called: {calls}"
        );
        assert!(
            stderr(&output)
                .contains("everything building and running the kiosk needs is installed"),
            "as {user:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn a_missing_package_is_installed_with_sudo_from_the_run_list_only() {
    if !dpkg_present() {
        return;
    }
    let Some(user) = normal_user() else {
        return;
    };
    let shims = shims(true, true);
    let home = home_for(user);
    let (output, calls) = check_only(&shims, user, home.path());
    assert!(
        output.status.success(),
        "with sudo standing in, run.sh --check-only succeeds: {}",
        stderr(&output)
    );
    assert_eq!(
        calls.trim(),
        "sudo bash scripts/install-deps.sh --run",
        "a normal user installs through sudo, the run list only"
    );
    let said = stderr(&output);
    assert!(
        said.contains("installing what building and running the kiosk needs (as root):")
            && said.contains("libxkbcommon-x11-0")
            && said.contains("gcc")
            && !said.contains("xvfb"),
        "it says what it installs, without the test tools: {said}"
    );
}

#[test]
fn as_root_a_missing_package_is_installed_without_sudo() {
    if !dpkg_present() || !is_root() {
        return;
    }
    let shims = shims(true, true);
    let home = home_for(Who::Myself);
    let (output, calls) = check_only(&shims, Who::Myself, home.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!calls.contains("sudo"), "root needs no sudo: {calls}");
    let install = calls
        .lines()
        .find(|line| line.starts_with("apt-get install"))
        .unwrap_or_default();
    for package in [
        "gcc",
        "libc6-dev",
        "pkg-config",
        "libxkbcommon-x11-0",
        "libspeechd-dev",
    ] {
        assert!(
            install.split_whitespace().any(|word| word == package),
            "{package} is in the run list: {install}"
        );
    }
    for package in ["xvfb", "gcc-mingw-w64-x86-64", "sox", "imagemagick"] {
        assert!(
            !install.split_whitespace().any(|word| word == package),
            "{package} is a test tool, not for running: {install}"
        );
    }
}

#[test]
fn without_cargo_it_installs_rust_with_rustup() {
    if !dpkg_present() {
        return;
    }
    let Some(user) = normal_user() else {
        return;
    };
    if Path::new("/usr/bin/cargo").exists() || Path::new("/usr/local/bin/cargo").exists() {
        return;
    }
    let shims = shims(false, false);
    let home = home_for(user);
    let (output, calls) = check_only(&shims, user, home.path());
    assert!(
        !output.status.success(),
        "the stand-in curl fails, so run.sh stops"
    );
    assert!(
        calls.contains("curl ") && calls.contains("https://sh.rustup.rs"),
        "cargo missing: it fetches rustup: {calls}"
    );
    assert!(
        stderr(&output).contains("installing Rust"),
        "it says so: {}",
        stderr(&output)
    );
}

#[test]
fn the_check_has_no_racy_pipe() {
    // `ldconfig -p | grep -q` under pipefail failed about one run in ten (grep closes the pipe
    // early), and ldconfig is not on a normal user's PATH.
    let script = std::fs::read_to_string(Path::new(ROOT).join("scripts/run.sh")).expect("run.sh");
    for line in script
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
    {
        assert!(
            !line.contains("ldconfig") && !line.contains("| grep"),
            "run.sh checks without a pipe into grep: {line}"
        );
    }
}
