/** What the user's last change did, announced politely; nothing while there is nothing to say. */
export default function DoneNotice({ done }: { done: string }) {
  if (!done) return null;
  return (
    <div className="alert alert--success margin-bottom--md" role="status">
      {done}
    </div>
  );
}
