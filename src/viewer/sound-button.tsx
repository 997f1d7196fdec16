import { useEffect, useState } from 'preact/hooks';
import { SOUND_TEXT } from './texts.js';

/** Whether the stream carries sound; a track may arrive after the picture. */
export function useHasAudio(stream: MediaStream | null): boolean {
  const [hasAudio, setHasAudio] = useState(false);
  useEffect(() => {
    if (!stream) return setHasAudio(false);
    const check = () => setHasAudio(stream.getAudioTracks().length > 0);
    check();
    const controller = new AbortController();
    stream.addEventListener('addtrack', check, { signal: controller.signal });
    stream.addEventListener('removetrack', check, { signal: controller.signal });
    return () => controller.abort();
  }, [stream]);
  return hasAudio;
}

/** Shown only when the host shares sound. The name says what pressing it does. */
export function SoundButton({ muted, onToggle }: { muted: boolean; onToggle: () => void }) {
  return (
    <>
      <button type="button" class="sound" onClick={onToggle}>
        {muted ? SOUND_TEXT.unmute : SOUND_TEXT.mute}
      </button>
      {muted && <p class="hint">{SOUND_TEXT.hint}</p>}
    </>
  );
}
