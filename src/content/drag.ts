/** Lets the floating control be dragged out of the way of the call's own buttons. */
export function makeDraggable(host: HTMLElement, grip: HTMLElement, signal: AbortSignal): void {
  grip.addEventListener(
    'pointerdown',
    (down) => {
      if (host.dataset.placement !== 'floating') return;
      down.preventDefault();
      grip.setPointerCapture(down.pointerId);
      const rect = host.getBoundingClientRect();
      const offsetX = down.clientX - rect.left;
      const offsetY = down.clientY - rect.top;
      const move = (event: PointerEvent) => {
        const x = Math.min(Math.max(0, event.clientX - offsetX), innerWidth - rect.width);
        const y = Math.min(Math.max(0, event.clientY - offsetY), innerHeight - rect.height);
        host.style.setProperty('left', `${x}px`);
        host.style.setProperty('top', `${y}px`);
        host.style.setProperty('right', 'auto');
        host.style.setProperty('bottom', 'auto');
      };
      const stop = new AbortController();
      grip.addEventListener('pointermove', move, { signal: stop.signal });
      grip.addEventListener('pointerup', () => stop.abort(), { signal: stop.signal });
      signal.addEventListener('abort', () => stop.abort(), { once: true });
    },
    { signal },
  );
}
