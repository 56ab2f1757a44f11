"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { discardOutboxes, queuedOutboxes, sendQueuedOutboxes } from "@/components/annotate/outbox-storage";

const SIGN_OUT = "/api/auth/signout";
// The dialog was the confirmation: sign out at once (the same next-auth endpoint the link's page posts to).
const signOutNow = () => void signOut({ callbackUrl: "/login" });

/**
 * "Sign out", which first deals with judgments still queued on this device:
 * they are kept under this user only, so after sign-out nobody else could
 * send them, and they would wait here until this user signs in again. When
 * something is queued a dialog asks: send now, discard, or stay signed in.
 */
export function SignOutLink({ userId, className }: { userId: string; className?: string }) {
  const [queued, setQueued] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  function count(): number {
    try {
      return queuedOutboxes(userId).reduce((sum, outbox) => sum + outbox.entries.length, 0);
    } catch {
      return 0; // storage blocked: nothing can be queued
    }
  }

  async function sendNow() {
    setBusy(true);
    setProblem(null);
    const { left, refused, problem } = await sendQueuedOutboxes(userId);
    setBusy(false);
    if (left === 0 && refused === 0) return signOutNow();
    if (left === 0) {
      setQueued(0);
      return setProblem(`${refused} ${refused === 1 ? "judgment was" : "judgments were"} refused by the server (for example already judged); the rest was sent.`);
    }
    setQueued(left);
    setProblem(`${left} ${left === 1 ? "judgment" : "judgments"} could not be sent (${problem ?? "unknown problem"}). Try again, discard, or stay signed in.`);
  }

  return (
    <>
      <a
        href={SIGN_OUT}
        className={className}
        onClick={(event) => {
          const n = count();
          if (n === 0) return; // nothing queued: the link signs out as before
          event.preventDefault();
          setProblem(null);
          setQueued(n);
        }}
      >
        Sign out
      </a>
      {queued > 0 || problem ? (
        <QueuedDialog
          queued={queued}
          busy={busy}
          problem={problem}
          onSend={() => void sendNow()}
          onDiscard={() => {
            discardOutboxes(userId);
            signOutNow();
          }}
          onSignOut={signOutNow}
          onCancel={() => {
            setQueued(0);
            setProblem(null);
          }}
        />
      ) : null}
    </>
  );
}

function QueuedDialog(props: {
  queued: number;
  busy: boolean;
  problem: string | null;
  onSend: () => void;
  onDiscard: () => void;
  onSignOut: () => void;
  onCancel: () => void;
}) {
  const ref = useModalDialog();
  const { queued, busy, problem } = props;
  const button = "rounded border px-3 py-1.5 text-sm disabled:opacity-50";
  return (
    <dialog ref={ref} onClose={props.onCancel} aria-labelledby="sign-out-title" className="m-auto w-[min(30rem,94vw)] rounded-lg border border-gray-300 p-5 text-left whitespace-normal shadow-xl backdrop:bg-black/30">
      <h2 id="sign-out-title" className="text-lg font-semibold">
        {queued > 0 ? `${queued} ${queued === 1 ? "judgment is" : "judgments are"} not sent yet` : "Sign out"}
      </h2>
      <p className="mt-2 text-sm text-gray-700">
        {queued > 0
          ? "They are kept on this device for your account only: once you sign out, they wait here until you sign in again, and nobody else can send them."
          : "Everything queued has been dealt with."}
      </p>
      {problem ? (
        <p role="alert" className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
          {problem}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-2">
        {queued > 0 ? (
          <>
            <button type="button" disabled={busy} onClick={props.onSend} className={`${button} border-gray-900 bg-gray-900 text-white`} autoFocus>
              {busy ? "Sending…" : "Send now and sign out"}
            </button>
            <button type="button" disabled={busy} onClick={props.onDiscard} className={`${button} border-red-300 text-red-800`}>
              Discard and sign out
            </button>
          </>
        ) : (
          <button type="button" onClick={props.onSignOut} className={`${button} border-gray-900 bg-gray-900 text-white`} autoFocus>
            Sign out
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => ref.current?.close()} className={`${button} border-gray-300`}>
          Stay signed in
        </button>
      </div>
    </dialog>
  );
}
