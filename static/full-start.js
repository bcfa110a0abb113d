// Starts the full app (every page), built by scripts/build-full.sh. The start-up script runs
// it for an address of one of its pages, having started fetching the wasm; the light app of
// the first load appends it when such a page is opened from the funnel or the start page
// (src/ui/handover.rs), having compiled the wasm already. Either leaves the wasm (a fetch
// or a compiled module) on window.
import init from '/salesplan-full.js';

const handedOver = window.salesplanHandedOver === true;
init({ module_or_path: window.salesplanFullModule || '/salesplan-full_bg.wasm' }).then(() => {
  delete window.salesplanFullModule;
  window.dispatchEvent(new CustomEvent('SalesplanFullStarted'));
  // The link that was followed is gone with the light app: put the keyboard focus on its
  // twin in the full app (the current page's navigation link), not back at the page's top.
  if (handedOver) {
    requestAnimationFrame(() => {
      const current = document.querySelector('header a[aria-current="page"]');
      if (current && document.activeElement === document.body) current.focus();
    });
  }
});
