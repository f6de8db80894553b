import { dismissMessage } from './actions';
import { useStore } from './store';

export function MessageBar(): React.JSX.Element | null {
  const message = useStore((s) => s.message);
  if (!message) return null;
  return (
    <div
      className={`message message-${message.tone}`}
      role={message.tone === 'error' ? 'alert' : 'status'}
      data-testid="message"
    >
      <span>{message.text}</span>
      <button aria-label="Dismiss" onClick={dismissMessage}>
        ×
      </button>
    </div>
  );
}
