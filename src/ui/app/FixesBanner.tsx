import type { Fixes } from '../useLink';

/** The values of a link or a file that could not be used as given, each with its reason. */
export function FixesBanner({
  fixes: { source, fixes },
  onDismiss,
}: {
  fixes: Fixes;
  onDismiss: () => void;
}) {
  return (
    <div className="banner banner-warning" role="alert" data-testid="link-fixes">
      <div>
        <p>
          <strong>
            {fixes.length === 1 ? 'One value' : `${fixes.length} values`} in{' '}
            {source === 'link' ? 'this link' : source} could not be used as given:
          </strong>
        </p>
        <ul>
          {fixes.map((fix, i) => (
            // Fixes can repeat a key (e.g. an unknown key given twice); the index keeps keys unique.
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is static once shown.
            <li key={i} data-key={fix.key}>
              <code>{fix.key}</code>
              {fix.given !== '' && (
                <>
                  {' '}
                  = <code>{fix.given}</code>
                </>
              )}
              : {fix.reason}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
