// Starts the full app (every page), built by scripts/build-full.sh. The light app of the
// first load appends this script when a page of the full app is opened (src/ui/handover.rs);
// it usually compiled the wasm already and left the module on window.
import init from '/salesplan-full.js';

init({ module_or_path: window.salesplanFullModule || '/salesplan-full_bg.wasm' }).then(() => {
  delete window.salesplanFullModule;
  window.dispatchEvent(new CustomEvent('SalesplanFullStarted'));
});
