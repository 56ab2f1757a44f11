import Link from "next/link";

/**
 * On the members page while the project is a draft: people can join, but the
 * annotation screen hands out nothing until the project is active.
 */
export function DraftWarning({ slug, status }: { slug: string; status: string }) {
  if (status !== "DRAFT") return null;
  return (
    <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <strong className="font-semibold">This project is a draft:</strong> annotators who join now get no items until you activate it.{" "}
      <Link href={`/admin/projects/${slug}/settings`} className="font-medium text-blue-800 underline">
        Activate it in Settings
      </Link>
    </p>
  );
}
