import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { decodeLinkFragment } from '../shared/link.js';
import { ControlBar } from './control-bar.js';
import { t } from './i18n.js';
import { JoinForm } from './join-form.js';
import { takeFragment } from './link-store.js';
import type { ViewerState } from './machine.js';
import { PointButton } from './point-button.js';
import { loadName, saveName } from './saved-name.js';
import { SoundButton, useHasAudio } from './sound-button.js';
import { Stage } from './stage.js';
import { StatsOverlay } from './stats-overlay.js';
import { errorText, hintText, STATS_TEXT, statusText } from './texts.js';
import { useFullscreen } from './use-fullscreen.js';
import { useMediaStats } from './use-media-stats.js';
import { useStatsKey } from './use-stats-key.js';
import { useViewer } from './use-viewer.js';
import { ViewControls, type ViewMode } from './view-controls.js';

/**
 * The link's fragment, out of the address bar (link-store.ts). Pasting a new link into the
 * address bar changes only the fragment: no reload happens, and it is taken the same way.
 */
function useFragment(): string {
  const [fragment, setFragment] = useState(takeFragment);
  useEffect(() => {
    const controller = new AbortController();
    addEventListener('hashchange', () => setFragment(takeFragment()), {
      signal: controller.signal,
    });
    return () => controller.abort();
  }, []);
  return fragment;
}

const onStage = (state: ViewerState) => state.kind === 'waiting' || state.kind === 'live';
const isBusy = (state: ViewerState) =>
  state.kind === 'connecting' ||
  state.kind === 'checking' ||
  state.kind === 'ready' ||
  state.kind === 'pending';

export function App() {
  const fragment = useFragment();
  const link = useMemo(() => decodeLinkFragment(fragment), [fragment]);
  const viewer = useViewer(link);
  const { state } = viewer;
  const [name, setName] = useState(loadName);
  const [mode, setMode] = useState<ViewMode>('fit');
  const stageRef = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(stageRef);
  const hint = hintText(state);
  const { control, sendInput, releaseHeld, laser, pointAt, hidePointer } = viewer;
  const granted = control.kind === 'granted';
  // One object per grant: the stage captures input while it is set.
  const input = useMemo(
    () => (granted ? { send: sendInput, releaseHeld } : null),
    [granted, sendInput, releaseHeld],
  );
  // The laser pointer: offered while the host allows it and we do not control; it starts
  // unpressed each time it is offered.
  const canPoint = onStage(state) && laser.allowed && !granted;
  const [pointPressed, setPointPressed] = useState(false);
  useEffect(() => {
    if (!canPoint) setPointPressed(false);
  }, [canPoint]);
  const pointing = canPoint && pointPressed;
  const laserTarget = useMemo(
    () => (pointing ? { point: pointAt, hide: hidePointer } : null),
    [pointing, pointAt, hidePointer],
  );

  const stream = onStage(state) ? state.stream : null;
  const [muted, setMuted] = useState(true);
  const hasAudio = useHasAudio(stream);
  const [showStats, setShowStats] = useState(false);
  const toggleStats = useCallback(() => setShowStats((shown) => !shown), []);
  useStatsKey(state.kind === 'live' && !granted, toggleStats);
  const stats = useMediaStats(viewer.mediaConnection, showStats && state.kind === 'live');

  const join = (next: string) => {
    saveName(next);
    setName(next);
    viewer.join(next);
  };

  return (
    <div class="app" data-layout={onStage(state) ? 'stage' : 'card'}>
      <section class="panel" aria-label="Deskbridge">
        <h1 class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Deskbridge
        </h1>
        {/* Always rendered, so screen readers hear each change (a new live region is silent). */}
        <p class="status" role="status" aria-live="polite" data-kind={state.kind}>
          {statusText(state)}
        </p>
        {hint && <p class="hint">{hint}</p>}
        {state.kind === 'idle' && (
          <>
            <p class="intro">{t('vIntro')}</p>
            <JoinForm initialName={name} onJoin={join} />
          </>
        )}
        {isBusy(state) && (
          <div class="actions">
            <span class="spinner" aria-hidden="true" />
            <button type="button" onClick={viewer.leave}>
              {t('vCancel')}
            </button>
          </div>
        )}
        {state.kind === 'error' && (
          <>
            <div class="alert" role="alert">
              <p class="alert-title">{errorText(state.reason)}</p>
              {state.detail && <p class="alert-detail">{state.detail}</p>}
            </div>
            <div class="actions">
              <button type="button" class="primary" onClick={viewer.retry}>
                {t('vTryAgain')}
              </button>
            </div>
          </>
        )}
        {state.kind === 'ended' && state.lost && (
          <div class="actions">
            <button type="button" class="primary" onClick={viewer.retry}>
              {t('vReconnect')}
            </button>
          </div>
        )}
        {viewer.words && (state.kind === 'pending' || onStage(state)) && (
          <section class="words" aria-label={t('vWordsTitle')}>
            <p class="words-list" lang="en">
              {viewer.words.join(' · ')}
            </p>
            <p class="hint">{t('vWordsHint')}</p>
          </section>
        )}
        {onStage(state) && (state.kind === 'live' || control.kind !== 'none') && (
          <ControlBar
            control={control}
            onRequest={viewer.requestControl}
            onRelease={viewer.releaseControl}
          />
        )}
        {canPoint && (
          <PointButton pressed={pointPressed} onToggle={() => setPointPressed(!pointPressed)} />
        )}
        {state.kind === 'live' && (
          <ViewControls mode={mode} onMode={setMode} fullscreen={fullscreen} />
        )}
        {state.kind === 'live' && (
          <button type="button" aria-pressed={showStats} onClick={toggleStats}>
            {STATS_TEXT.button}
          </button>
        )}
        {state.kind === 'live' && hasAudio && (
          <SoundButton muted={muted} onToggle={() => setMuted(!muted)} />
        )}
        {onStage(state) && (
          <button type="button" class="leave" onClick={viewer.leave}>
            {t('vLeave')}
          </button>
        )}
      </section>
      {onStage(state) && (
        <Stage
          stream={state.stream}
          mode={mode}
          stageRef={stageRef}
          onFrame={viewer.framePresented}
          control={control}
          input={input}
          laser={laserTarget}
          pointers={laser.pointers}
          muted={muted}
        >
          {showStats && state.kind === 'live' && <StatsOverlay stats={stats} />}
        </Stage>
      )}
    </div>
  );
}
