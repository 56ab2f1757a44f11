import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-gray-700">Your account does not have access to this page. If you think it should, ask your project lead.</p>
      <Link href="/projects" className="mt-4 inline-block underline">
        Back to my projects
      </Link>
    </main>
  );
}
