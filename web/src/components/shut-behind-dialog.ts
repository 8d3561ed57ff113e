/**
 * Makes everything but the topmost dialog inert, so Tab, a screen reader and the mouse stay in it and the page
 * behind cannot scroll. Dialogs are portalled to <body>, so this is worked out from <body>'s children each time:
 * a question asked over a form shuts the form too, and closing the question opens the form again. `leaving` is a
 * dialog on its way out. Live regions (the toasts) stay live, so what a dialog did is still announced.
 */
export function shutBehindDialog(leaving?: Element): void {
  const layers = [...document.body.children].filter((el) => el !== leaving);
  const top = layers.filter((el) => el.classList.contains('modal-backdrop')).at(-1);
  for (const el of layers)
    if (el instanceof HTMLElement && !el.hasAttribute('aria-live'))
      el.inert = top !== undefined && el !== top;
  document.body.classList.toggle('modal-open', top !== undefined);
}
