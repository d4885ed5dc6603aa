/**
 * Reports typed without a connection wait here, in IndexedDB (photos included), and go out
 * when the connection is back. Each carries the key it was created with: the platform takes a
 * repeated key as the same report, so a reply lost on the way cannot make a second incident.
 */
export interface PendingReport {
  key: string;
  report: Record<string, unknown>;
  photos: File[];
  savedAt: string;
}

const DATABASE = "console-offline";
const STORE = "reports";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await open();
  return new Promise((resolve, reject) => {
    const request = work(database.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export const keep = (pending: PendingReport) => inStore("readwrite", (store) => store.put(pending));
export const drop = (key: string) => inStore("readwrite", (store) => store.delete(key));
export const pendingReports = () =>
  inStore<PendingReport[]>("readonly", (store) => store.getAll() as IDBRequest<PendingReport[]>);

let sending: Promise<number> | null = null;

/**
 * Send every kept report, oldest first, one at a time; a report leaves the queue only once
 * the platform has it. Concurrent calls share one pass, so nothing is sent twice at once.
 */
export function sendPending(send: (pending: PendingReport) => Promise<void>): Promise<number> {
  sending ??= (async () => {
    let sent = 0;
    try {
      const queue = (await pendingReports()).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
      for (const pending of queue) {
        await send(pending);
        await drop(pending.key);
        sent += 1;
      }
    } finally {
      sending = null;
    }
    return sent;
  })();
  return sending;
}
