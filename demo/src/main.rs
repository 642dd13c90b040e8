//! The demo page: pick a member, see their badge. Served by `trunk serve` (see index.html).

mod app;
mod query;
mod samples;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("demo"));
    match root {
        Some(root) => {
            yew::Renderer::<app::App>::with_root_and_props(root, ()).render();
        }
        None => web_sys::console::error_1(&"demo: index.html has no #demo element".into()),
    }
}
