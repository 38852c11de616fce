import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'devTools/**', '.azurite/**', 'jest.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/simulator/**', '../simulator/*'], message: 'Product code reaches the simulator only over HTTPS.' }],
      }],
    },
  },
  {
    // Only the demo launcher and tests may start the simulator; only teams/ may import botbuilder.
    files: ['src/simulator/**', 'src/demo/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
