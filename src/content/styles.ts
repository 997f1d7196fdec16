/** Styles live in the shadow root: the page's CSS cannot reach in, ours cannot leak out. */
export const PANEL_CSS = `
:host { all: initial; font: 14px/1.4 system-ui, sans-serif; color-scheme: light dark; }
:host([data-placement="floating"]) { position: fixed; right: 24px; bottom: 24px; z-index: 2147483646; }
:host([data-placement="toolbar"]) { display: inline-flex; vertical-align: middle; margin: 0 6px; }
.share, button { font: inherit; border-radius: 999px; border: 0; padding: 8px 16px; cursor: pointer; }
.share { background: #1a73e8; color: #fff; font-weight: 600; display: inline-flex; gap: 8px; align-items: center; box-shadow: 0 2px 6px #0004; }
.share[data-live] { background: #c62828; }
.share:disabled { opacity: .7; cursor: progress; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #fbbc04; outline-offset: 2px; }
.grip { cursor: grab; padding: 0 4px; user-select: none; touch-action: none; }
.panel { position: fixed; right: 24px; bottom: 84px; width: min(420px, calc(100vw - 48px));
  background: Canvas; color: CanvasText; border-radius: 12px; padding: 14px 16px;
  box-shadow: 0 8px 28px #0006; display: grid; gap: 10px; z-index: 2147483647; }
.panel[hidden] { display: none; }
.title { font-weight: 600; }
.linkbox { position: relative; }
.linkbox input { width: 100%; box-sizing: border-box; font: 13px ui-monospace, monospace; padding: 8px;
  border: 1px solid #8886; border-radius: 6px; background: Field; color: transparent; caret-color: CanvasText; }
.linkbox input[data-revealed] { color: FieldText; }
.mask { position: absolute; inset: 0; padding: 9px; font: 13px ui-monospace, monospace; pointer-events: none;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: FieldText; }
.mask[hidden] { display: none; }
.row { display: flex; gap: 8px; flex-wrap: wrap; }
.primary { background: #1a73e8; color: #fff; }
.danger { background: #c62828; color: #fff; }
.quiet { background: #8883; color: inherit; }
.error { color: #c62828; }
.warning { color: #b26a00; font-weight: 600; }
.warning:empty { display: none; }
.guests { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; max-height: 40vh; overflow: auto; }
.guests[hidden] { display: none; }
.guest { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.guest .name { font-weight: 600; overflow-wrap: anywhere; }
.guest .meta { opacity: .75; font-size: 12px; flex: 1; }
.guest .stats { flex-basis: 100%; order: 9; font-variant-numeric: tabular-nums; }
.guest .stats:empty { display: none; }
.guest button { padding: 4px 12px; }
.control-prompt { display: grid; gap: 8px; padding: 10px; border-radius: 8px; background: #fbbc0433; }
.control-prompt[hidden] { display: none; }
.control-prompt .name { font-weight: 600; }
.control-banner { position: fixed; top: 0; left: 50%; transform: translateX(-50%); z-index: 2147483647;
  background: #b3261e; color: #fff; padding: 8px 16px; border-radius: 0 0 12px 12px; display: flex; gap: 8px;
  align-items: center; box-shadow: 0 4px 12px #0006; font-weight: 600; }
.control-banner[hidden] { display: none; }
.control-banner .meta { font-weight: 400; opacity: .85; }
.control-banner button { background: #fff; color: #b3261e; }
button:disabled { opacity: .5; cursor: not-allowed; }
/* In a call's toolbar the button takes the site's shape (data-site) and colours (data-theme),
   so it reads as one of the call's own buttons; the red "Sharing" state stays ours. */
:host([data-placement="toolbar"]) .share { box-shadow: none; white-space: nowrap; }
:host([data-placement="toolbar"][data-theme="dark"]) .share:not([data-live]) { background: #3c4043; color: #e8eaed; }
:host([data-placement="toolbar"][data-theme="light"]) .share:not([data-live]) { background: #f1f3f4; color: #202124; }
:host([data-placement="toolbar"][data-site="meet"]) { margin: 0 4px; }
:host([data-placement="toolbar"][data-site="meet"]) .share { height: 40px; padding: 0 16px; border-radius: 20px; font: 500 14px/1 "Google Sans", Roboto, sans-serif; }
:host([data-placement="toolbar"][data-site="jitsi"]) { margin: 0 4px; }
:host([data-placement="toolbar"][data-site="jitsi"]) .share { height: 48px; padding: 0 14px; border-radius: 6px; }
:host([data-placement="toolbar"][data-site="jitsi"][data-theme="dark"]) .share:not([data-live]) { background: #292929; color: #fff; }
:host([data-placement="toolbar"][data-site="teams"]) { margin: 0 2px; }
:host([data-placement="toolbar"][data-site="teams"]) .share { height: 32px; padding: 0 12px; border-radius: 4px; font: 600 14px/1 "Segoe UI", system-ui, sans-serif; }
:host([data-placement="toolbar"][data-site="teams"][data-theme="light"]) .share:not([data-live]) { background: #fff; color: #242424; border: 1px solid #d1d1d1; }
:host([data-placement="toolbar"][data-site="teams"][data-theme="dark"]) .share:not([data-live]) { background: #292929; color: #fff; border: 1px solid #666; }
:host([data-placement="toolbar"][data-site="zoom"]) { margin: 0 8px; }
:host([data-placement="toolbar"][data-site="zoom"]) .share { height: 44px; padding: 0 14px; border-radius: 8px; font-size: 12px; }
:host([data-placement="toolbar"][data-site="zoom"][data-theme="dark"]) .share:not([data-live]) { background: transparent; color: #fff; }
:host([data-placement="toolbar"][data-site="whereby"]) { margin: 0 6px; }
:host([data-placement="toolbar"][data-site="whereby"]) .share { height: 40px; padding: 0 16px; border-radius: 10px; }
.pointers { position: fixed; inset: 0; pointer-events: none; z-index: 2147483647; }
.pointer { position: absolute; width: 14px; height: 14px; margin: -7px 0 0 -7px; border-radius: 50%;
  background: #ff1744; box-shadow: 0 0 0 3px #ff174466, 0 0 12px #ff1744; }
.pointer span { position: absolute; left: 16px; top: -4px; white-space: nowrap; font: 600 12px system-ui, sans-serif;
  background: #ff1744; color: #fff; padding: 1px 6px; border-radius: 6px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.error:empty, .status:empty { display: none; }
`;
