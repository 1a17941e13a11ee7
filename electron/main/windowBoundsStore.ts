import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface ScreenArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowBounds extends ScreenArea {
  maximized: boolean;
}

const MIN_SIZE = { width: 640, height: 400 };
/** How much of the window's top edge must be on a screen for it to be grabbable there. */
const GRAB = { width: 120, height: 40 };

const boundsSchema = z
  .object({
    x: z.number().int().min(-100_000).max(100_000),
    y: z.number().int().min(-100_000).max(100_000),
    width: z.number().int().min(MIN_SIZE.width).max(20_000),
    height: z.number().int().min(MIN_SIZE.height).max(20_000),
    maximized: z.boolean(),
  })
  .strict();

/**
 * The main window's size and position, remembered in a small JSON file in userData. Pure Node (no
 * electron import) so it is unit-tested directly; main passes the displays' work areas. Anything
 * unreadable, malformed or no longer on a screen (a monitor was unplugged) is ignored, and the
 * window opens at its default size instead: a window restored off-screen cannot be reached.
 */
export function createWindowBoundsStore(file: string) {
  return {
    load(workAreas: readonly ScreenArea[]): WindowBounds | undefined {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return undefined;
      }
      const parsed = boundsSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      return workAreas.some((area) => topEdgeVisible(parsed.data, area)) ? parsed.data : undefined;
    },
    save(bounds: WindowBounds): void {
      const parsed = boundsSchema.safeParse({ ...bounds, x: Math.round(bounds.x), y: Math.round(bounds.y), width: Math.round(bounds.width), height: Math.round(bounds.height) });
      if (!parsed.success) return; // a minimised or degenerate window: keep the last good state
      try {
        const tmp = `${file}.tmp`;
        writeFileSync(tmp, JSON.stringify(parsed.data));
        renameSync(tmp, file);
      } catch {
        // Remembering the window is a nicety; a read-only userData must not break quitting.
      }
    },
  };
}

/** True when a grabbable strip of the window's title bar lies inside `area`. */
function topEdgeVisible(bounds: ScreenArea, area: ScreenArea): boolean {
  const left = Math.max(bounds.x, area.x);
  const right = Math.min(bounds.x + bounds.width, area.x + area.width);
  const top = Math.max(bounds.y, area.y);
  const bottom = Math.min(bounds.y + GRAB.height, area.y + area.height);
  return right - left >= GRAB.width && bottom - top >= GRAB.height;
}
