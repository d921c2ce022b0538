//! The example CI workflow (`.github/workflows/brochures.yml`): every
//! `tariffpress` command it runs, in its order, on a pull request that
//! changes a base rate, must succeed and write what the later steps upload
//! and post.

use crate::support::{replace, sample_project, tariffpress};
use std::path::Path;
use std::process::Command;

const WORKFLOW: &str = ".github/workflows/brochures.yml";

/// The `tariffpress …` command lines of the workflow that are not comments,
/// with the pull request's target branch filled in.
fn workflow_commands() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(crate::support::repo_root().join(WORKFLOW)).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.strip_prefix("run:").map_or(l, str::trim))
        .filter(|l| l.starts_with("tariffpress "))
        .map(|l| {
            l.replace("${{ github.base_ref }}", "main")
                .split_whitespace()
                .skip(1)
                .map(|w| w.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_workflow_commands_run_on_a_pull_request() {
    let commands = workflow_commands();
    let subcommands: Vec<&str> = commands.iter().map(|c| c[0].as_str()).collect();
    assert_eq!(
        subcommands,
        ["check", "build", "diff", "diff", "diff", "diff"],
        "{commands:?}"
    );

    // The repository as the checkout step leaves it: the target branch as
    // origin/main, the pull request's change checked out on top.
    let repo = sample_project();
    git(repo.path(), &["init", "-q", "-b", "main"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "target branch"]);
    git(
        repo.path(),
        &["update-ref", "refs/remotes/origin/main", "HEAD"],
    );
    git(repo.path(), &["checkout", "-q", "-b", "pr"]);
    replace(
        repo.path(),
        "content/products/cyber/tariffs/2024-04-01.yaml",
        "    H1: 48570\n",
        "    H1: 50000\n",
    );
    // The yearly pull request: next year's program rolled from this year's.
    let rolled = tariffpress()
        .current_dir(repo.path())
        .args(["roll", "miyazaki-2025", "--to", "2026"])
        .output()
        .expect("the binary runs");
    assert!(
        rolled.status.success(),
        "{}",
        String::from_utf8_lossy(&rolled.stderr)
    );
    git(repo.path(), &["add", "."]);
    git(
        repo.path(),
        &["commit", "-q", "-am", "raise clinic H1, roll miyazaki"],
    );

    for args in &commands {
        let out = tariffpress()
            .current_dir(repo.path())
            .args(args)
            .output()
            .expect("the binary runs");
        assert!(
            out.status.success(),
            "tariffpress {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let md = std::fs::read_to_string(repo.path().join("rate-diff.md")).unwrap();
    assert!(md.contains("| miyazaki-2025 | 一般医院・診療所 | — | — | H1 | 一括払 | 27,200 | 28,000 | +800 | +2.94% |"), "{md}");
    // The rolled program is compared with last year's on the target
    // branch (under the old tariff), and with last year's in the branch.
    assert!(md.contains("| miyazaki-2025 → miyazaki-2026 | 一般医院・診療所 | — | — | H1 | 一括払 | 27,200 | 28,000 | +800 | +2.94% |"), "{md}");
    let yearly = std::fs::read_to_string(repo.path().join("yearly-diff.md")).unwrap();
    assert!(
        yearly.contains(
            "- `miyazaki-2025 → miyazaki-2026`: 49 compared, 0 changed, 0 added, 0 removed"
        ),
        "{yearly}"
    );
    for uploaded in [
        "output/rate-diff.csv",
        "output/rate-diff.pdf",
        "output/miyazaki-2025/pamphlet.pdf",
        "output/miyazaki-2025/pamphlet-1.png",
        "output/miyazaki-2025/rates.json",
    ] {
        assert!(repo.path().join(uploaded).is_file(), "{uploaded} missing");
    }
}
