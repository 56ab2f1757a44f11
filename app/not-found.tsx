import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-gray-700">There is nothing at this address.</p>
      <Link href="/projects" className="mt-4 inline-block underline">
        Back to my projects
      </Link>
    </main>
  );
}
