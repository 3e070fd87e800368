//! Signed content through the binary: `vitrina manifest`, `vitrina sign`, `vitrina check
//! --trusted-key`; interoperability with Debian's `minisign` tool both ways; and a git round
//! trip (a local bare repository, packaging/linux/vitrina-content-pull, the content watcher
//! applying a new signed commit and refusing an unsigned one).
//!
//! The `minisign` and `git` tools are needed for the last two; without them those tests are
//! skipped with a hint, except when `CI` is set (scripts/install-deps.sh installs them).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use vitrina::platform::last_good;
use vitrina::platform::watch::{ContentWatcher, ReloadEvent, WatchOptions};
#[path = "support/xvfb.rs"]
mod xvfb;
use vitrina::signing::{MANIFEST_FILE, SIGNATURE_FILE, Trust, key_id, load_content_trusted};
use xvfb::tools_present;

const PASSWORD: &str = "correct horse battery staple";

/// A content folder: the small valid fixture and its picture.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(fixtures.join("valid.ron"), dir.path().join("content.ron")).expect("copy");
    std::fs::create_dir(dir.path().join("assets")).expect("assets");
    std::fs::copy(
        fixtures.join("assets/picture.png"),
        dir.path().join("assets/picture.png"),
    )
    .expect("copy");
    dir
}

/// A password-protected key pair made with the crate, written as the tool writes it:
/// returns (secret key file, public key base64 line, key id).
fn crate_keys(dir: &Path, name: &str) -> (PathBuf, String, String) {
    let pair =
        minisign::KeyPair::generate_encrypted_keypair(Some(PASSWORD.to_owned())).expect("key pair");
    let secret = dir.join(format!("{name}.key"));
    std::fs::write(&secret, pair.sk.to_box(None).expect("box").into_string()).expect("write");
    let public = pair.pk.to_base64();
    (secret, public, key_id(pair.pk.keynum()))
}

fn vitrina(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(args)
        .env("RUST_LOG", "off")
        .env("VITRINA_SIGN_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .output()
        .expect("vitrina runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn text(path: &Path) -> String {
    path.to_str().expect("UTF-8 path").to_owned()
}

fn check(content_dir: &Path, keys: &[&str]) -> (i32, String) {
    let content = text(&content_dir.join("content.ron"));
    let mut args = vec!["check", content.as_str()];
    for key in keys {
        args.extend(["--trusted-key", key]);
    }
    let output = vitrina(&args);
    (output.status.code().unwrap_or(-1), stdout(&output))
}

#[test]
fn manifest_sign_and_check_through_the_binary() {
    let site = site();
    let dir = text(site.path());

    let output = vitrina(&["manifest", &dir]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("2 files listed"),
        "{}",
        stdout(&output)
    );
    let manifest = std::fs::read_to_string(site.path().join(MANIFEST_FILE)).expect("written");
    let paths: Vec<&str> = manifest.lines().map(|line| &line[66..]).collect();
    assert_eq!(paths, ["assets/picture.png", "content.ron"], "{manifest}");
    assert!(
        !site.path().join(SIGNATURE_FILE).exists(),
        "manifest alone writes no signature"
    );

    let keys = tempfile::tempdir().expect("temp dir");
    let (secret, public, id) = crate_keys(keys.path(), "editor");
    let output = vitrina(&["sign", "--key", &text(&secret), &dir]);
    assert!(output.status.success(), "{}", stdout(&output));
    assert!(
        stdout(&output).contains(&format!("2 files listed, signed by key {id}")),
        "{}",
        stdout(&output)
    );
    assert!(site.path().join(SIGNATURE_FILE).is_file(), "signed");

    let (code, out) = check(site.path(), &[&public]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "{}: signed by key {id}, 2 files verified",
            site.path().join(MANIFEST_FILE).display()
        )),
        "{out}"
    );
    // Without keys, the check is the plain one.
    let (code, out) = check(site.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("signed by"), "{out}");

    // The whole two-line .pub text is accepted too.
    let pub_text = format!("untrusted comment: minisign public key {id}\n{public}\n");
    let (code, out) = check(site.path(), &[&pub_text]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn check_refuses_each_bad_case_with_its_file_and_position() {
    let site = site();
    let keys = tempfile::tempdir().expect("temp dir");
    let (secret, public, _) = crate_keys(keys.path(), "editor");
    let (_, other_public, _) = crate_keys(keys.path(), "other");
    let output = vitrina(&["sign", "--key", &text(&secret), &text(site.path())]);
    assert!(output.status.success(), "{}", stdout(&output));

    // Signed by a key that is not trusted.
    let (code, out) = check(site.path(), &[&other_public]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!(
            "{}:1:1: signed by key ",
            site.path().join(SIGNATURE_FILE).display()
        )) && out.contains("which is not a trusted key"),
        "{out}"
    );
    assert!(out.contains("1 error, 0 warnings"), "{out}");

    // A changed byte in a picture.
    let picture = site.path().join("assets/picture.png");
    let mut bytes = std::fs::read(&picture).expect("read");
    bytes[30] ^= 1;
    std::fs::write(&picture, &bytes).expect("write");
    let (code, out) = check(site.path(), &[&public]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!(
            "{}:1:1: hash mismatch for assets/picture.png",
            site.path().join(MANIFEST_FILE).display()
        )),
        "{out}"
    );

    // A key that is not a key.
    let (code, out) = check(site.path(), &["RWQ-not-a-key"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("--trusted-key: trusted key 1 is not a minisign public key"),
        "{out}"
    );
}

#[test]
fn a_wrong_password_writes_nothing() {
    let site = site();
    let keys = tempfile::tempdir().expect("temp dir");
    let (secret, _, _) = crate_keys(keys.path(), "editor");
    let output = Command::new(env!("CARGO_BIN_EXE_vitrina"))
        .args(["sign", "--key", &text(&secret), &text(site.path())])
        .env("RUST_LOG", "off")
        .env("VITRINA_SIGN_PASSWORD", "wrong")
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("check the password"),
        "{}",
        stdout(&output)
    );
    assert!(
        !site.path().join(MANIFEST_FILE).exists() && !site.path().join(SIGNATURE_FILE).exists(),
        "nothing written"
    );
}

fn minisign_tool(args: &[&str], stdin: &str) -> Output {
    use std::io::Write as _;
    let mut child = Command::new("minisign")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("minisign runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("password");
    child.wait_with_output().expect("minisign ends")
}

/// The key id and base64 line of a `.pub` file the tool wrote.
fn tool_public(path: &Path) -> (String, String) {
    let text = std::fs::read_to_string(path).expect("pub");
    let mut lines = text.lines();
    let comment = lines.next().expect("comment");
    // The tool writes the id without leading zeros ("8994C32D1FC1B15"); vitrina always
    // writes its 16 digits, as the key's 8 bytes are.
    let id = format!("{:0>16}", comment.rsplit(' ').next().expect("id"));
    (id, lines.next().expect("key").to_owned())
}

#[test]
fn the_minisign_tool_and_vitrina_verify_each_other() {
    if !tools_present(&["minisign"]) {
        return;
    }
    let keys = tempfile::tempdir().expect("temp dir");

    // The tool signs (a password-less key), vitrina verifies.
    let site_a = site();
    let (public_file, secret_file) = (keys.path().join("a.pub"), keys.path().join("a.key"));
    let made = minisign_tool(
        &[
            "-G",
            "-W",
            "-p",
            &text(&public_file),
            "-s",
            &text(&secret_file),
        ],
        "",
    );
    assert!(made.status.success(), "{made:?}");
    assert!(
        vitrina(&["manifest", &text(site_a.path())])
            .status
            .success(),
        "manifest"
    );
    let signed = minisign_tool(
        &[
            "-S",
            "-s",
            &text(&secret_file),
            "-m",
            &text(&site_a.path().join(MANIFEST_FILE)),
        ],
        "",
    );
    assert!(signed.status.success(), "{signed:?}");
    let (id, public) = tool_public(&public_file);
    let (code, out) = check(site_a.path(), &[&public]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("signed by key {id}, 2 files verified")),
        "{out}"
    );
    let whole_file = std::fs::read_to_string(&public_file).expect("pub");
    assert_eq!(check(site_a.path(), &[&whole_file]).0, 0, "the .pub text");

    // vitrina signs with a password-protected key the tool made; the tool verifies.
    let site_b = site();
    let (public_file, secret_file) = (keys.path().join("b.pub"), keys.path().join("b.key"));
    let made = minisign_tool(
        &["-G", "-p", &text(&public_file), "-s", &text(&secret_file)],
        &format!("{PASSWORD}\n{PASSWORD}\n"),
    );
    assert!(made.status.success(), "{made:?}");
    let output = vitrina(&["sign", "--key", &text(&secret_file), &text(site_b.path())]);
    assert!(output.status.success(), "{}", stdout(&output));
    let verified = minisign_tool(
        &[
            "-V",
            "-p",
            &text(&public_file),
            "-m",
            &text(&site_b.path().join(MANIFEST_FILE)),
        ],
        "",
    );
    assert!(
        verified.status.success(),
        "the tool verifies vitrina's signature: {verified:?}"
    );
    // A changed manifest: the tool refuses too (the test can fail).
    std::fs::write(site_b.path().join(MANIFEST_FILE), "changed\n").expect("write");
    let refused = minisign_tool(
        &[
            "-V",
            "-p",
            &text(&public_file),
            "-m",
            &text(&site_b.path().join(MANIFEST_FILE)),
        ],
        "",
    );
    assert!(
        !refused.status.success(),
        "the tool refuses a changed manifest"
    );

    // A key the crate made, signing through vitrina, verified by the tool with -P.
    let site_c = site();
    let (secret, public, _) = crate_keys(keys.path(), "c");
    assert!(
        vitrina(&["sign", "--key", &text(&secret), &text(site_c.path())])
            .status
            .success(),
        "signed"
    );
    let verified = minisign_tool(
        &[
            "-V",
            "-P",
            &public,
            "-m",
            &text(&site_c.path().join(MANIFEST_FILE)),
        ],
        "",
    );
    assert!(verified.status.success(), "{verified:?}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "core.hooksPath=/dev/null",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

fn pull(kiosk: &Path) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/linux/vitrina-content-pull");
    let output = Command::new("sh")
        .arg(script)
        .arg(kiosk)
        .arg("main")
        .env("VITRINA_CONTENT_KEEP", "2")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("the pull script runs");
    assert!(
        output.status.success(),
        "pull: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The next content event (loaded or failed) within `within`, skipping picture events.
fn next_content_event(watcher: &ContentWatcher, within: Duration) -> Option<ReloadEvent> {
    let start = Instant::now();
    while start.elapsed() < within {
        match watcher.next_timeout(Duration::from_millis(200)) {
            Some(ReloadEvent::AssetsChanged(_)) | None => {}
            Some(event) => return Some(event),
        }
    }
    None
}

fn title(loaded: &vitrina::content::LoadedContent) -> String {
    ron::to_string(&loaded.content.story.title).expect("title")
}

#[test]
fn a_git_round_trip_applies_a_new_signed_commit_and_refuses_an_unsigned_one() {
    if !tools_present(&["git"]) {
        return;
    }
    let root = tempfile::tempdir().expect("temp dir");
    let origin = root.path().join("origin.git");
    let work = root.path().join("work");
    let kiosk = root.path().join("kiosk");
    std::fs::create_dir_all(&kiosk).expect("kiosk");
    git(
        root.path(),
        &["init", "-q", "--bare", "-b", "main", &text(&origin)],
    );
    let fixture = site();
    git(root.path(), &["init", "-q", "-b", "main", &text(&work)]);
    for name in ["content.ron", "assets/picture.png"] {
        let to = work.join(name);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("dir");
        std::fs::copy(fixture.path().join(name), to).expect("copy");
    }
    let keys = tempfile::tempdir().expect("temp dir");
    let (secret, public, id) = crate_keys(keys.path(), "editor");
    let trust = Trust::new(&[public]).expect("trust");
    let sign = || {
        let output = vitrina(&["sign", "--key", &text(&secret), &text(&work)]);
        assert!(output.status.success(), "{}", stdout(&output));
    };
    let commit = |message: &str| {
        git(&work, &["add", "-A"]);
        git(&work, &["commit", "-q", "-m", message]);
        git(&work, &["push", "-q", &text(&origin), "main"]);
        git(&work, &["rev-parse", "HEAD"])
    };

    // First version: signed, committed, pulled by the kiosk.
    sign();
    let first = commit("first signed version");
    git(
        root.path(),
        &[
            "clone",
            "-q",
            "--bare",
            &text(&origin),
            &text(&kiosk.join("repo.git")),
        ],
    );
    pull(&kiosk);
    let current = kiosk.join("current");
    assert_eq!(
        std::fs::read_link(&current).expect("a link"),
        Path::new("releases").join(&first),
        "current names the first release"
    );
    let content = current.join("content.ron");
    let shown = load_content_trusted(&content, &trust).expect("the first version loads");
    assert_eq!(
        shown.provenance.signed_by.as_deref(),
        Some(id.as_str()),
        "signed"
    );

    let watcher = ContentWatcher::start_with(
        &content,
        WatchOptions {
            trust: trust.clone(),
            signing_grace: Duration::from_secs(2),
            load_at_start: false,
        },
        || {},
    )
    .expect("the watcher starts");

    // A new signed commit: pulled, flipped, applied.
    let edited = std::fs::read_to_string(work.join("content.ron"))
        .expect("read")
        .replace("Test story", "Second story");
    std::fs::write(work.join("content.ron"), edited).expect("write");
    sign();
    let second = commit("second signed version");
    pull(&kiosk);
    let Some(ReloadEvent::Loaded { loaded, .. }) =
        next_content_event(&watcher, Duration::from_secs(20))
    else {
        panic!("the second signed version is applied");
    };
    assert!(
        title(&loaded).contains("Second story"),
        "{}",
        title(&loaded)
    );
    assert!(
        loaded.dir.ends_with(Path::new("releases").join(&second)),
        "read from its own release folder: {}",
        loaded.dir.display()
    );
    assert_eq!(
        loaded.provenance.signed_by.as_deref(),
        Some(id.as_str()),
        "signed"
    );
    let copy = root.path().join("data/last-good-content.ron");
    last_good::save(&copy, &loaded).expect("the app keeps the last good copy");

    // An unsigned commit (signature removed, content changed): pulled, refused.
    let edited = std::fs::read_to_string(work.join("content.ron"))
        .expect("read")
        .replace("Second story", "Unsigned story");
    std::fs::write(work.join("content.ron"), edited).expect("write");
    std::fs::remove_file(work.join(SIGNATURE_FILE)).expect("unsigned");
    let third = commit("unsigned version");
    pull(&kiosk);
    assert_eq!(
        std::fs::read_link(&current).expect("a link"),
        Path::new("releases").join(&third),
        "the script flipped to it (the kiosk decides what to show)"
    );
    match next_content_event(&watcher, Duration::from_secs(20)) {
        Some(ReloadEvent::Failed { message, .. }) => assert!(
            message.contains("content.manifest.minisig is missing"),
            "{message}"
        ),
        other => panic!("the unsigned version is refused, got {other:?}"),
    }
    assert!(
        next_content_event(&watcher, Duration::from_secs(3)).is_none(),
        "nothing is applied afterwards"
    );

    // A restart now shows the last good signed version, with its pictures' hashes.
    let (restart, error) =
        last_good::startup_content(&content, &copy, &trust).expect("the copy is shown");
    assert!(error.is_some_and(|e| e.is_signing()), "with the error");
    assert!(
        title(&restart).contains("Second story"),
        "{}",
        title(&restart)
    );
    let picture = restart.dir.join("assets/picture.png");
    assert!(
        restart
            .provenance
            .verified
            .as_ref()
            .is_some_and(|v| v.expected(&picture).is_some()),
        "the picture is still checked when decoded"
    );

    // Old releases are pruned to the newest two; the current one stays.
    let releases: Vec<String> = std::fs::read_dir(kiosk.join("releases"))
        .expect("releases")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(releases.len(), 2, "{releases:?}");
    assert!(
        releases.contains(&third) && releases.contains(&second) && !releases.contains(&first),
        "{releases:?}"
    );
}

#[test]
fn the_watcher_holds_a_half_synced_folder_and_applies_the_manifest_arriving_alone() {
    let site = site();
    let pair = minisign::KeyPair::generate_unencrypted_keypair().expect("keys");
    vitrina::signing::sign::sign_folder(site.path(), &pair.sk).expect("signed");
    let trust = Trust::new(&[pair.pk.to_base64()]).expect("trust");
    let content = site.path().join("content.ron");
    let watcher = ContentWatcher::start_with(
        &content,
        WatchOptions {
            trust,
            signing_grace: Duration::from_secs(2),
            load_at_start: false,
        },
        || {},
    )
    .expect("the watcher starts");

    // The new content.ron arrives first (a sync in progress): held, not applied, and only
    // reported once the grace is over.
    let edited = std::fs::read_to_string(&content)
        .expect("read")
        .replace("Test story", "Synced story");
    let written = Instant::now();
    std::fs::write(&content, edited).expect("write");
    assert!(
        next_content_event(&watcher, Duration::from_millis(1200)).is_none(),
        "held during the grace"
    );
    match next_content_event(&watcher, Duration::from_secs(10)) {
        Some(ReloadEvent::Failed { message, .. }) => {
            assert!(
                written.elapsed() >= Duration::from_secs(2),
                "reported after the grace"
            );
            assert!(
                message.contains("hash mismatch for content.ron")
                    && message.contains("may still be syncing"),
                "{message}"
            );
        }
        other => panic!("refused, got {other:?}"),
    }

    // Then the manifest and its signature arrive, alone: the watcher loads and applies.
    vitrina::signing::sign::sign_folder(site.path(), &pair.sk).expect("signed again");
    match next_content_event(&watcher, Duration::from_secs(10)) {
        Some(ReloadEvent::Loaded { loaded, .. }) => {
            assert!(
                title(&loaded).contains("Synced story"),
                "{}",
                title(&loaded)
            );
        }
        other => panic!("applied, got {other:?}"),
    }
}
