//! `--static DIR`: the folder's files, never a dotfile, nothing outside the folder.

#[allow(dead_code)]
mod support;

use std::path::PathBuf;

use loyalty_server::token::MemberAccess;
use support::app::{get, sample_app_with};

/// A folder with a page, dotfiles, and links in and out.
fn site() -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "loyalty-static-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let outside = root.with_extension("outside");
    std::fs::create_dir_all(root.join("site/.git")).unwrap();
    std::fs::create_dir_all(root.join("site/assets")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(root.join("site/index.html"), "<h1>demo</h1>").unwrap();
    std::fs::write(root.join("site/assets/app.js"), "console.log(1)").unwrap();
    std::fs::write(root.join("site/.env"), "CROWDTWIST_API_KEY=leaked").unwrap();
    std::fs::write(root.join("site/.git/config"), "[core] leaked").unwrap();
    std::fs::write(root.join("site/assets/.secret"), "leaked").unwrap();
    std::fs::write(outside.join("secret.txt"), "leaked").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("site/out")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("site/out.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("site/assets/app.js"), root.join("site/in.js")).unwrap();
    root
}

#[tokio::test]
async fn files_are_served_but_not_dotfiles_or_anything_outside() {
    let root = site();
    for prefix in ["", "/loyalty"] {
        let app = sample_app_with(MemberAccess::Public, prefix, Some(root.join("site")));
        for path in ["/index.html", "/", "/assets/app.js", "/in.js"] {
            let reply = get(&app, &format!("{prefix}{path}")).await;
            assert_eq!(reply.status, 200, "{prefix}{path}");
            assert!(!reply.body.contains("leaked"));
        }
        for path in [
            "/.env",
            "/%2eenv",
            "/%2Eenv",
            "/.git/config",
            "/.git/",
            "/%2egit/config",
            "/assets/.secret",
            "/assets/%2esecret",
            "/out/secret.txt",
            "/out.txt",
            "/../site.outside/secret.txt",
            "/%2e%2e/site.outside/secret.txt",
            "/assets/..%2f.env",
            "/assets%2f..%2f.env",
            "/missing.html",
        ] {
            let reply = get(&app, &format!("{prefix}{path}")).await;
            assert_eq!(reply.status, 404, "{prefix}{path}: {}", reply.body);
            assert!(!reply.body.contains("leaked"), "{prefix}{path}");
            assert_eq!(reply.json()["error"], "page_not_found", "{prefix}{path}");
        }
        let points = get(&app, &format!("{prefix}/v2/users/16/points")).await;
        assert_eq!(points.status, 200, "the API still answers under {prefix:?}");
    }
    std::fs::remove_dir_all(&root).unwrap();
    std::fs::remove_dir_all(root.with_extension("outside")).unwrap();
}
