import { describe, expect, it } from 'vitest';
import { ProgressEdits } from '../../src/discord/progress-edits.js';

/** An edit function whose calls stay pending until released, like a slow Discord API. */
function slowEdits() {
  const sent: string[] = [];
  const releases: Array<() => void> = [];
  const edit = (content: string) =>
    new Promise<void>((resolve) => {
      sent.push(content);
      releases.push(resolve);
    });
  return {
    sent,
    edit,
    releaseNext: async () => {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

/** Shows step 1, lets its edit leave, then reports steps 2 and 3 while that edit is still on its way. */
async function twoStepsBehindTheFirst(progress: ProgressEdits): Promise<void> {
  progress.show('1/3');
  await new Promise((r) => setTimeout(r, 0));
  progress.show('2/3');
  progress.show('3/3');
}

describe('progress shown by editing a reply', () => {
  it('sends the first step once, even when the task reports it again', async () => {
    const api = slowEdits();
    const progress = new ProgressEdits(api.edit);
    progress.show('1/3 clock');
    progress.show('1/3 clock');
    await api.releaseNext();
    progress.show('1/3 clock');
    await api.releaseNext();
    expect(api.sent).toEqual(['1/3 clock']);
  });

  it('skips steps that went stale while an edit was on its way, and sends only the newest', async () => {
    const api = slowEdits();
    const progress = new ProgressEdits(api.edit);
    await twoStepsBehindTheFirst(progress);
    await api.releaseNext();
    await api.releaseNext();
    expect(api.sent).toEqual(['1/3', '3/3']);
  });

  it('lets the result follow as soon as the edit already sent has landed, dropping steps still waiting', async () => {
    const api = slowEdits();
    const progress = new ProgressEdits(api.edit);
    await twoStepsBehindTheFirst(progress);
    let finished = false;
    const done = progress.finish().then(() => {
      finished = true;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(finished).toBe(false); // the first edit is still on its way
    await api.releaseNext();
    await done;
    expect(api.sent).toEqual(['1/3']);
    progress.show('late');
    expect(api.sent).toEqual(['1/3']);
  });
});
