/** One pushed interaction: its acknowledgement state for the REST routes, and its history for tests. */
import { LOADING, viewOf } from './messages.js';
import type { Callback, FakeMessage, InteractionRun, JsonObject } from './types.js';
import type { StoredMessage } from './world.js';

/** Interaction types Discord sends: 2 command, 3 component, 4 autocomplete, 5 modal submit. */
export type InteractionKind = 2 | 3 | 4 | 5;

/** What a run needs from the fake: message lookup and the deadlines it is judged by. */
export interface RunContext {
  message(id: string): StoredMessage | undefined;
  ackDeadlineMs: number;
}

const notLoading = (m: FakeMessage) => m.modal !== undefined || (m.flags & LOADING) === 0;

/** Tracks one interaction from INTERACTION_CREATE to its last follow-up. */
export class InteractionRecord implements InteractionRun {
  readonly callbacks: Callback[] = [];
  readonly edits: FakeMessage[] = [];
  readonly followups: FakeMessage[] = [];
  sentAt = Number.NaN;
  /** The callback type that acknowledged it, once one succeeded. */
  acknowledgedBy: number | null = null;
  /** Set when a first callback came too late: the interaction is gone for good. */
  expired = false;
  /** Message id behind @original: the reply, the deferred message, or the component's message. */
  originalId: string | undefined;
  /** Deferred with type 5 and not yet filled: the next follow-up becomes @original. */
  loading = false;
  modal: JsonObject | undefined;
  private ackPromise: Promise<Callback> | undefined;
  private readonly listeners = new Set<() => void>();

  readonly id: string;
  readonly token: string;
  readonly kind: InteractionKind;
  readonly channelId: string;
  /** The message a component (or a modal opened from one) belongs to. */
  readonly sourceMessageId: string | undefined;
  /** Discord's `interaction_metadata` for the messages this interaction creates. */
  readonly metadata: JsonObject;

  constructor(
    init: Pick<InteractionRecord, 'id' | 'token' | 'kind' | 'channelId' | 'sourceMessageId' | 'metadata'>,
    private readonly context: RunContext,
  ) {
    this.id = init.id;
    this.token = init.token;
    this.kind = init.kind;
    this.channelId = init.channelId;
    this.sourceMessageId = init.sourceMessageId;
    this.metadata = init.metadata;
  }

  /** Resolves with the first callback; rejects if none arrives well after the deadline, so a test fails fast. */
  get ack(): Promise<Callback> {
    this.ackPromise ??= new Promise<Callback>((resolve, reject) => {
      const check = () => {
        const first = this.callbacks[0];
        if (!first) return false;
        resolve(first);
        return true;
      };
      if (check()) return;
      const graceMs = Math.max(0, this.sentAt + this.context.ackDeadlineMs - performance.now()) + 2000;
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`fake discord: no callback for interaction ${this.id} within ${Math.round(graceMs)} ms`));
      }, graceMs);
      const listener = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
    return this.ackPromise;
  }

  original(): FakeMessage | undefined {
    if (this.modal) return this.modalView();
    const stored = this.originalId ? this.context.message(this.originalId) : undefined;
    return stored ? viewOf(stored) : undefined;
  }

  recordCallback(callback: Callback): void {
    this.callbacks.push(callback);
    this.notify();
  }

  noteOriginal(stored: StoredMessage): void {
    this.originalId = stored.api.id;
    this.edits.push(viewOf(stored));
    this.notify();
  }

  noteModal(modal: JsonObject): void {
    this.modal = modal;
    this.edits.push(this.modalView());
    this.notify();
  }

  /** A new follow-up is appended; an edited one replaces its earlier view. */
  noteFollowup(stored: StoredMessage): void {
    const view = viewOf(stored);
    const at = this.followups.findIndex((f) => f.id === view.id);
    if (at >= 0) this.followups[at] = view;
    else this.followups.push(view);
    this.notify();
  }

  waitForReply(predicate: (m: FakeMessage) => boolean = notLoading, timeoutMs = 5000): Promise<FakeMessage> {
    const find = () => [...this.edits, ...this.followups].find(predicate);
    return new Promise((resolve, reject) => {
      const found = find();
      if (found) return resolve(found);
      const listener = () => {
        const hit = find();
        if (!hit) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const seen = this.callbacks.map((c) => `${c.type}→${c.status}`).join(', ') || 'none';
        reject(new Error(`fake discord: no matching reply to interaction ${this.id} within ${timeoutMs} ms (callbacks: ${seen})`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  private modalView(): FakeMessage {
    return {
      id: this.id,
      channelId: this.channelId,
      embeds: [],
      components: [],
      attachments: [],
      flags: 0,
      privateToUser: true,
      allowedMentions: undefined,
      modal: structuredClone(this.modal),
    };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
