/** Chrome: the media host is an offscreen document, one per extension, created per session. */
const HOST_PATH = 'offscreen.html';

/** Concurrent callers share one creation. */
let creating: Promise<void> | null = null;

export async function exists(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(HOST_PATH)],
  });
  return contexts.length > 0;
}

export async function open(): Promise<void> {
  if (await exists()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: HOST_PATH,
      reasons: [
        chrome.offscreen.Reason.DISPLAY_MEDIA,
        chrome.offscreen.Reason.USER_MEDIA,
        chrome.offscreen.Reason.WEB_RTC,
      ],
      justification: 'Captures the shared screen and sends it peer to peer to admitted guests.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

export async function close(): Promise<void> {
  await creating?.catch(() => {});
  if (await exists()) await chrome.offscreen.closeDocument();
}
