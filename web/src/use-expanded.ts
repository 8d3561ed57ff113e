import { useState } from 'react';

/**
 * A part of the page that folds out: whether it is open, and the props of the button that opens and closes
 * it (which tells assistive technology which it is by aria-expanded).
 */
export function useExpanded(initial = false) {
  const [open, setOpen] = useState(initial);
  return {
    open,
    toggle: { type: 'button', 'aria-expanded': open, onClick: () => setOpen((o) => !o) } as const,
  };
}
