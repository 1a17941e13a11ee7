import { useCallback, useState } from 'react';

/** A ref callback and the element's current width in CSS pixels, kept up to date on resize. */
export function useElementWidth<T extends HTMLElement>(): [(element: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: T | null) => {
    if (!element) return;
    setWidth(element.getBoundingClientRect().width);
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    // React 19: a ref callback may return its cleanup.
    return () => observer.disconnect();
  }, []);
  return [ref as (element: T | null) => void, width];
}
