import type { DistributionLayers } from '../../config/view';

/** Checkboxes for the layers of the distribution view (those that exist for this model). */
export function LayerToggles({
  layers,
  dimension,
  hasDiscriminator,
  onChange,
}: {
  layers: DistributionLayers;
  dimension: 1 | 2;
  hasDiscriminator: boolean;
  onChange: (layers: DistributionLayers) => void;
}) {
  const options: { key: keyof DistributionLayers; label: string; title: string }[] = [
    ...(hasDiscriminator
      ? [
          {
            key: 'discriminator' as const,
            label: dimension === 2 ? 'D heatmap' : 'D(x)',
            title: "The discriminator's output over the plot.",
          },
        ]
      : []),
    ...(dimension === 2
      ? [
          {
            key: 'manifold' as const,
            label: 'G manifold',
            title: 'A grid in noise space, mapped through the generator.',
          },
          {
            key: 'push' as const,
            label: 'gradients',
            title: "Where the generator's loss pushes each generated sample (−∇ₓ L_G).",
          },
        ]
      : [
          {
            key: 'density' as const,
            label: 'densities',
            title: "Smoothed densities: Gaussian kernel density estimates (Silverman's bandwidth).",
          },
        ]),
  ];
  return (
    <fieldset className="layer-toggles">
      <legend className="visually-hidden">Layers</legend>
      {options.map((option) => (
        <label key={option.key} className="chart-toggle" title={option.title}>
          <input
            type="checkbox"
            checked={layers[option.key]}
            onChange={(event) => onChange({ ...layers, [option.key]: event.currentTarget.checked })}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
