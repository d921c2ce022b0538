//! `tariffpress watch`: an edit rebuilds only what it touches, a broken
//! file is reported and watching goes on, and fixing it rebuilds.

use crate::support::{project, replace, stderr_lines, tariffpress};
use std::process::Stdio;
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// Waits for a stderr line containing `wanted`, returning everything seen.
fn wait_for(lines: &Receiver<String>, wanted: &str) -> String {
    let mut seen = String::new();
    loop {
        match lines.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
                if line.contains(wanted) {
                    return seen;
                }
            }
            Err(_) => panic!("no `{wanted}` within a minute; saw:\n{seen}"),
        }
    }
}

#[test]
fn edits_rebuild_what_they_touch_and_errors_do_not_stop_watching() {
    let project = project();
    let root = project.path();
    let mut child = tariffpress()
        .arg("--root")
        .arg(root)
        .arg("watch")
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let lines = stderr_lines(&mut child);
    wait_for(&lines, "watching content/");

    // A title only the foundation flyer prints.
    let program = "content/programs/foundation-2024.yaml";
    replace(
        root,
        program,
        "サイバーリスクへの備えは万全ですか？",
        "サイバーリスクへの備えは万全でしょうか？",
    );
    let seen = wait_for(&lines, "up to date;");
    assert!(seen.contains("1 built, 11 up to date"), "{seen}");

    replace(root, program, "payment: lump_sum", "payment: [lump_sum");
    let seen = wait_for(&lines, "still watching");
    assert!(seen.contains("foundation-2024.yaml:"), "{seen}");

    replace(root, program, "payment: [lump_sum", "payment: lump_sum");
    let seen = wait_for(&lines, "up to date;");
    assert!(seen.contains("0 built, 12 up to date"), "{seen}");

    child.kill().unwrap();
    child.wait().unwrap();
}
