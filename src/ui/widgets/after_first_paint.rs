//! Parts of a page below the fold render one frame after the app's first paint, so that the
//! first frame's style and layout (most of a fresh page's time to interactive) cover only
//! what is on screen. Once the app has painted, every later render is whole at once.

use std::cell::Cell;

use gloo::render::request_animation_frame;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

thread_local! {
    static PAINTED: Cell<bool> = const { Cell::new(false) };
}

/// `false` during the app's first frame, `true` from the task after its paint on (and at
/// once in every component that mounts after that).
#[hook]
pub fn use_after_first_paint() -> bool {
    let ready = use_state(|| PAINTED.with(Cell::get));
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            let frame = (!*ready).then(|| {
                request_animation_frame(move |_| {
                    // An animation frame callback runs before the frame's layout; a zero
                    // timeout set in it runs once the frame has been painted.
                    Timeout::new(0, move || {
                        PAINTED.with(|p| p.set(true));
                        ready.set(true);
                    })
                    .forget();
                })
            });
            move || drop(frame)
        });
    }
    *ready
}
