"""`dom.js` in Chromium: `keepingFocus` sends focus to a control's `data-focus-fallback` when
the redraw removes or disables it (the console's Next/Previous phase rely on this), and
`morphChildren` keeps the nodes whose content did not change."""
from conftest import browser_errors

SCRIPT = """
const done = arguments[arguments.length - 1];
import('/js/dom.js').then(({ el, keepingFocus, morphChildren }) => {
  const root = el('div', { attrs: { id: 'fallback-root' } });
  document.body.append(root);
  const draw = (lastPhase) => morphChildren(root,
    el('h2', { id: 'controls-heading', tabIndex: -1, textContent: 'Run the session' }),
    el('button', { id: 'control-prev', disabled: lastPhase === 'first', textContent: 'Previous phase',
      attrs: { 'data-focus-fallback': 'control-next controls-heading' } }),
    el('button', { id: 'control-next', disabled: lastPhase === 'last', textContent: 'Next phase',
      attrs: { 'data-focus-fallback': 'control-prev controls-heading' } }),
    lastPhase === 'gone' ? null : el('button', { id: 'respond', textContent: 'Direct response', attrs: { 'data-focus-fallback': 'missing control-next' } }));
  const result = {};
  draw('middle');
  document.getElementById('control-next').focus();
  keepingFocus(root, () => draw('last'));        // Next is now disabled: focus goes to Previous
  result.afterLast = document.activeElement.id;
  keepingFocus(root, () => draw('first'));       // Previous disabled, Next enabled again
  result.afterFirst = document.activeElement.id;
  document.getElementById('respond').focus();
  keepingFocus(root, () => draw('gone'));        // removed: the first fallback that exists
  result.afterGone = document.activeElement.id;
  const heading = root.querySelector('h2');
  heading.textContent = 'Run the session';
  draw('gone');
  result.headingKept = root.querySelector('h2') === heading;
  morphChildren(root, el('h2', { id: 'controls-heading', textContent: 'Renamed' }));
  result.headingRenamedInPlace = root.querySelector('h2') === heading && heading.textContent === 'Renamed';
  result.childrenLeft = root.childNodes.length;
  // A node already in the page (a live region, a timer) keeps its identity and attributes when
  // a new sibling appears before it; the sibling is added, not made out of it.
  const box = el('section');
  const timer = el('p', { className: 'countdown', attrs: { role: 'timer' } }, '0:59 left');
  morphChildren(box, el('p', {}, 'Running'), timer);
  morphChildren(box, el('p', {}, 'Moves on by itself'), el('p', {}, 'Running'), timer);
  result.pinned = [...box.children].map((n) => `${n.getAttribute('role') || '-'}:${n.textContent}`);
  result.timerKept = box.lastChild === timer && timer.className === 'countdown';
  done(result);
}).catch((e) => done({ error: String(e) }));
"""


def test_focus_fallbacks_and_morphing(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/")
    result = driver.execute_async_script(SCRIPT)
    assert result == {"afterLast": "control-prev", "afterFirst": "control-next", "afterGone": "control-next",
                      "headingKept": True, "headingRenamedInPlace": True, "childrenLeft": 1,
                      "pinned": ["-:Moves on by itself", "-:Running", "timer:0:59 left"], "timerKept": True}, result
    assert browser_errors(driver) == []
