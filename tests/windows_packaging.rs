//! The Windows packaging files, checked on any machine (there is no Windows one here):
//!
//! - `vitrina-autostart.xml` keeps to the limits Task Scheduler enforces when it registers a
//!   task (its XML schema, version 1.2): `RestartOnFailure` with a `Count` of 1–255 and an
//!   `Interval` from PT1M to P31D, durations that parse, `Priority` 0–10, the enumerations
//!   it knows, and an encoding declaration that matches the file's bytes.
//! - `install.ps1` stops the running kiosk before it replaces `vitrina.exe` (Windows refuses
//!   to overwrite a running program) and starts it again afterwards, read from the order of
//!   the commands in the script's text. This does not run PowerShell.
//! - The PowerShell scripts are ASCII: Windows PowerShell 5.1 reads a script without a byte
//!   order mark in the ANSI code page, so any other character would be garbled.

use std::path::Path;

const WINDOWS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/windows");

/// The namespace of Task Scheduler's task XML.
const TASK_NS: &str = "http://schemas.microsoft.com/windows/2004/02/mit/task";

fn read(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(WINDOWS).join(name)).expect("a packaging file")
}

/// An XML Schema `duration` (`PnYnMnDTnHnMnS`) in seconds, or `None` when it does not parse.
/// Years and months count as 365 and 30 days: the limits checked here are in days or less.
fn duration_secs(text: &str) -> Option<f64> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => {
            if time.is_empty() {
                return None;
            }
            (date, Some(time))
        }
        None => (rest, None),
    };
    if date.is_empty() && time.is_none() {
        return None;
    }
    let mut total = 0.0;
    for (part, units) in [
        (
            date,
            &[
                ('Y', 365.0 * 86_400.0),
                ('M', 30.0 * 86_400.0),
                ('D', 86_400.0),
            ][..],
        ),
        (
            time.unwrap_or(""),
            &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)][..],
        ),
    ] {
        let mut number = String::new();
        let mut next_unit = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let index = units[next_unit..].iter().position(|(unit, _)| *unit == c)? + next_unit;
            let value: f64 = number.parse().ok()?;
            total += value * units[index].1;
            number.clear();
            next_unit = index + 1;
        }
        if !number.is_empty() {
            return None;
        }
    }
    Some(total)
}

/// The text of the XML, decoded as its byte order mark says, and what is wrong with its
/// encoding: Task Scheduler reads UTF-16 or a file whose declaration matches its bytes, and
/// install.ps1 reads it with Windows PowerShell's `Get-Content`, which takes a file without
/// a byte order mark as ANSI (so such a file must be ASCII).
fn decode(bytes: &[u8], problems: &mut Vec<String>) -> String {
    let (text, actual) = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|pair| u16::from_le_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
            .collect();
        (String::from_utf16_lossy(&units), "UTF-16")
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
            .collect();
        (String::from_utf16_lossy(&units), "UTF-16")
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        (String::from_utf8_lossy(rest).into_owned(), "UTF-8")
    } else {
        if !bytes.is_ascii() {
            problems.push(
                "not ASCII and no byte order mark: Windows PowerShell 5.1 reads it as ANSI".into(),
            );
        }
        if bytes.first() == Some(&0) || bytes.get(1) == Some(&0) {
            problems.push("UTF-16 without a byte order mark".into());
        }
        (String::from_utf8_lossy(bytes).into_owned(), "UTF-8")
    };
    let declared = text
        .strip_prefix("<?xml")
        .and_then(|rest| rest.split_once("?>"))
        .and_then(|(declaration, _)| {
            let at = declaration.find("encoding")?;
            let value = declaration[at + "encoding".len()..]
                .trim_start()
                .strip_prefix('=')?
                .trim_start();
            let quote = value.chars().next()?;
            value[1..].split(quote).next().map(str::to_owned)
        });
    match declared {
        // XML without a declaration is UTF-8 or UTF-16 by its byte order mark.
        None => {}
        Some(name) => {
            let name = name.to_ascii_uppercase();
            let matches = match actual {
                "UTF-16" => name == "UTF-16" || name == "UTF-16LE" || name == "UTF-16BE",
                _ => name == "UTF-8" || (name == "US-ASCII" && bytes.is_ascii()),
            };
            if !matches {
                problems.push(format!(
                    "the declaration says encoding=\"{name}\" but the file is {actual}"
                ));
            }
        }
    }
    text
}

/// The first child element of `node` called `name`.
fn child<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'input>> {
    node.children()
        .find(|child| child.is_element() && child.tag_name().name() == name)
}

/// Everything in the task XML `bytes` that Task Scheduler would refuse, one line each.
fn task_problems(bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let text = decode(bytes, &mut problems);
    let document = match roxmltree::Document::parse(&text) {
        Ok(document) => document,
        Err(err) => {
            problems.push(format!("not well-formed XML: {err}"));
            return problems;
        }
    };
    let root = document.root_element();
    if root.tag_name().name() != "Task" || root.tag_name().namespace() != Some(TASK_NS) {
        problems.push(format!("the root is not a Task in {TASK_NS}"));
    }
    match root.attribute("version") {
        Some("1.1" | "1.2" | "1.3" | "1.4" | "1.5" | "1.6") => {}
        other => problems.push(format!("Task version {other:?}: 1.1 to 1.6")),
    }
    let elements = |name: &'static str| {
        document
            .descendants()
            .filter(move |node| node.is_element() && node.tag_name().name() == name)
    };
    let text_of = |node: roxmltree::Node<'_, '_>| node.text().unwrap_or("").trim().to_owned();

    for restart in elements("RestartOnFailure") {
        match child(restart, "Count").map(text_of) {
            None => problems.push("RestartOnFailure without Count".into()),
            Some(count) => match count.parse::<u8>() {
                Ok(1..=255) => {}
                _ => problems.push(format!("RestartOnFailure Count {count}: 1 to 255")),
            },
        }
        match child(restart, "Interval").map(text_of) {
            None => problems.push("RestartOnFailure without Interval".into()),
            Some(interval) => match duration_secs(&interval) {
                Some(secs) if (60.0..=31.0 * 86_400.0).contains(&secs) => {}
                Some(_) => problems.push(format!(
                    "RestartOnFailure Interval {interval}: PT1M to P31D"
                )),
                None => problems.push(format!(
                    "RestartOnFailure Interval {interval}: not a duration"
                )),
            },
        }
    }
    for name in [
        "ExecutionTimeLimit",
        "Delay",
        "RandomDelay",
        "Duration",
        "DeleteExpiredTaskAfter",
        "IdleDuration",
        "WaitTimeout",
    ] {
        for node in elements(name) {
            let value = text_of(node);
            if duration_secs(&value).is_none() {
                problems.push(format!("{name} {value}: not a duration"));
            }
        }
    }
    for node in elements("Priority") {
        let value = text_of(node);
        if !matches!(value.parse::<u8>(), Ok(0..=10)) {
            problems.push(format!("Priority {value}: 0 to 10"));
        }
    }
    for (name, allowed) in [
        (
            "MultipleInstancesPolicy",
            &["Parallel", "Queue", "IgnoreNew", "StopExisting"][..],
        ),
        (
            "LogonType",
            &[
                "S4U",
                "Password",
                "InteractiveToken",
                "InteractiveTokenOrPassword",
                "ServiceAccount",
                "Group",
                "None",
            ][..],
        ),
        ("RunLevel", &["LeastPrivilege", "HighestAvailable"][..]),
    ] {
        for node in elements(name) {
            let value = text_of(node);
            if !allowed.contains(&value.as_str()) {
                problems.push(format!("{name} {value}: one of {allowed:?}"));
            }
        }
    }
    for name in [
        "Enabled",
        "Hidden",
        "AllowHardTerminate",
        "AllowStartOnDemand",
        "StartWhenAvailable",
        "RunOnlyIfNetworkAvailable",
        "DisallowStartIfOnBatteries",
        "StopIfGoingOnBatteries",
        "RunOnlyIfIdle",
        "WakeToRun",
        "StopOnIdleEnd",
        "RestartOnIdle",
    ] {
        for node in elements(name) {
            let value = text_of(node);
            if !matches!(value.as_str(), "true" | "false" | "1" | "0") {
                problems.push(format!("{name} {value}: true or false"));
            }
        }
    }
    if elements("Exec").count() == 0 {
        problems.push("no Exec action".into());
    }
    for exec in elements("Exec") {
        if child(exec, "Command")
            .map(text_of)
            .unwrap_or_default()
            .is_empty()
        {
            problems.push("an Exec action without a Command".into());
        }
    }
    problems
}

#[test]
fn the_durations_parse_like_xml_schema() {
    for (text, secs) in [
        ("PT0S", 0.0),
        ("PT1M", 60.0),
        ("PT5S", 5.0),
        ("P31D", 31.0 * 86_400.0),
        ("P1DT2H", 93_600.0),
        ("PT1.5S", 1.5),
        ("P1Y", 365.0 * 86_400.0),
    ] {
        assert_eq!(duration_secs(text), Some(secs), "{text}");
    }
    for text in ["", "P", "PT", "1M", "PT1", "PM1", "PT1S1M", "P1H", "PT-1S"] {
        assert_eq!(duration_secs(text), None, "{text} is not a duration");
    }
}

#[test]
fn the_shipped_task_xml_keeps_to_task_schedulers_limits() {
    let bytes = read("vitrina-autostart.xml");
    let problems = task_problems(&bytes);
    assert!(
        problems.is_empty(),
        "vitrina-autostart.xml:\n{}",
        problems.join("\n")
    );

    // What the kiosk needs of it, beyond the schema: no time limit (the default of 72 hours
    // would stop the kiosk), one instance, and the placeholder install.ps1 fills in.
    let text = String::from_utf8(bytes).expect("ASCII");
    assert!(
        text.contains("<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>"),
        "no time limit"
    );
    assert!(
        text.contains("<MultipleInstancesPolicy>IgnoreNew<"),
        "one instance"
    );
    assert_eq!(
        text.matches("<UserId>VITRINA_KIOSK_USER</UserId>").count(),
        2,
        "the trigger's and the principal's account, filled in by install.ps1"
    );
}

#[test]
fn the_task_check_catches_what_task_scheduler_refuses() {
    let good = String::from_utf8(read("vitrina-autostart.xml")).expect("ASCII");
    let count = good
        .split_once("<Count>")
        .and_then(|(_, rest)| rest.split_once("</Count>"))
        .map(|(count, _)| format!("<Count>{count}</Count>"))
        .expect("a Count");
    for (broken, said) in [
        (good.replace(&count, "<Count>999</Count>"), "Count 999"),
        (good.replace(&count, "<Count>0</Count>"), "Count 0"),
        (good.replace(&count, ""), "without Count"),
        (
            good.replace("<Interval>PT1M</Interval>", "<Interval>PT30S</Interval>"),
            "PT30S",
        ),
        (
            good.replace("<Interval>PT1M</Interval>", "<Interval>P32D</Interval>"),
            "P32D",
        ),
        (
            good.replace("<Interval>PT1M</Interval>", "<Interval>1 minute</Interval>"),
            "not a duration",
        ),
        (
            good.replace("<ExecutionTimeLimit>PT0S<", "<ExecutionTimeLimit>0<"),
            "ExecutionTimeLimit 0",
        ),
        (good.replace("<Priority>4<", "<Priority>11<"), "Priority 11"),
        (
            good.replace(">IgnoreNew<", ">Ignore<"),
            "MultipleInstancesPolicy Ignore",
        ),
        (
            good.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\""),
            "encoding=\"UTF-16\"",
        ),
        (
            good.replace("Vitrina exhibition kiosk", "Vitrina – kiosk"),
            "not ASCII",
        ),
        (good.replace("</Task>", ""), "not well-formed"),
    ] {
        let problems = task_problems(broken.as_bytes());
        assert!(
            problems.iter().any(|problem| problem.contains(said)),
            "{said} is reported; got {problems:?}"
        );
    }

    // The same task as UTF-16 with a byte order mark passes once the declaration says so,
    // and not while it still says UTF-8.
    let utf16 = |text: &str| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let declared_16 = good.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    assert_eq!(
        task_problems(&utf16(&declared_16)),
        Vec::<String>::new(),
        "UTF-16 as declared"
    );
    assert!(
        task_problems(&utf16(&good))
            .iter()
            .any(|problem| problem.contains("encoding=\"UTF-8\" but the file is UTF-16")),
        "a UTF-16 file declared UTF-8 is reported"
    );
}

/// The script's lines without comments (`# …` lines and `<# … #>` blocks).
fn code_lines(script: &str) -> Vec<(usize, &str)> {
    let mut in_block = false;
    let mut lines = Vec::new();
    for (number, line) in script.lines().enumerate() {
        let trimmed = line.trim();
        if in_block {
            in_block = !trimmed.contains("#>");
            continue;
        }
        if trimmed.starts_with("<#") {
            in_block = !trimmed.contains("#>");
            continue;
        }
        if trimmed.is_empty() || (trimmed.starts_with('#') && !trimmed.starts_with("#Requires")) {
            continue;
        }
        lines.push((number + 1, trimmed));
    }
    lines
}

/// The first code line at or after line `from` that contains every one of `words`.
fn first_line(lines: &[(usize, &str)], from: usize, words: &[&str]) -> Option<usize> {
    lines
        .iter()
        .find(|(number, line)| *number >= from && words.iter().all(|word| line.contains(word)))
        .map(|(number, _)| *number)
}

#[test]
fn install_stops_the_kiosk_before_it_replaces_the_program_and_starts_it_after() {
    let script = String::from_utf8(read("install.ps1")).expect("ASCII");
    let lines = code_lines(&script);
    let at = |words: &[&str]| {
        first_line(&lines, 0, words)
            .unwrap_or_else(|| panic!("install.ps1 has no line with {words:?}"))
    };
    let stop_task = at(&["Stop-ScheduledTask"]);
    let find_runner = at(&["CommandLine", "$installedRunner"]);
    let stop_runner =
        first_line(&lines, find_runner, &["Stop-Process"]).expect("the runner is stopped");
    let find_kiosk = at(&[".Path -eq $installedExe"]);
    let stop_kiosk =
        first_line(&lines, find_kiosk, &["Stop-Process"]).expect("vitrina.exe is stopped");
    let wait = at(&["Wait-Process"]);
    let copy = at(&["Copy-Item", "$exe"]);
    let register = at(&["Register-ScheduledTask"]);
    let start = at(&["Start-ScheduledTask"]);
    assert!(
        stop_task < stop_runner,
        "the task first (line {stop_task}), then a runner left (line {stop_runner})"
    );
    assert!(
        stop_runner < stop_kiosk,
        "the runner (line {stop_runner}) before the program (line {stop_kiosk}): it would start it again"
    );
    assert!(
        stop_kiosk < wait,
        "then it waits (line {wait}) until the program has exited"
    );
    assert!(
        wait < copy,
        "the kiosk is stopped (line {wait}) before vitrina.exe is copied (line {copy})"
    );
    assert!(
        copy < start && register < start,
        "the task is started (line {start}) after the copy (line {copy}) and its registration (line {register})"
    );
    // The program is found by its path, not by its name: another copy elsewhere (a test
    // install, a newer version being tried) is left alone.
    assert!(
        lines
            .iter()
            .any(|(_, line)| line.contains(".Path -eq $installedExe")),
        "vitrina.exe is stopped by its path"
    );
}

#[test]
fn the_powershell_scripts_are_ascii_and_ask_for_what_they_need() {
    for name in ["install.ps1", "setup-kiosk.ps1", "vitrina-run.ps1"] {
        let bytes = read(name);
        let bad = bytes.iter().position(|byte| !byte.is_ascii());
        assert_eq!(bad, None, "{name}: a non-ASCII byte at offset {bad:?}");
        let text = String::from_utf8(bytes).expect("ASCII");
        assert!(
            text.contains("$ErrorActionPreference") || name == "vitrina-run.ps1",
            "{name} stops at the first error"
        );
    }
    for name in ["install.ps1", "setup-kiosk.ps1"] {
        let text = String::from_utf8(read(name)).expect("ASCII");
        assert!(
            text.contains("#Requires -RunAsAdministrator"),
            "{name} asks for administrator rights"
        );
    }
}
