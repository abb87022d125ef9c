// The tab's title carries the room's state: a screen-reader user whose tab is in the background,
// or who goes through the list of tabs, hears there that the connection is lost or the review over.
import { t } from './strings.js';

let base = null;
let state = null;

/** Starts afresh for a page (or console view) that joins a session: no title of its own yet, no state. */
export function resetPageTitle() {
  base = null;
  state = null;
}

/** Sets the page's own title, shown after its state's prefix ("Connection lost – …"), if any. */
export function setPageTitle(text) {
  base = text;
  show();
}

/** `lost`, `ended` or null: what the title says before the page's own. */
export function setPageState(value) {
  state = value;
  show();
}

function show() {
  if (base === null) return;
  const title = state ? t(`title.${state}`, { title: base }) : base;
  if (document.title !== title) document.title = title;
}
