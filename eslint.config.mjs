import tseslint from 'typescript-eslint';

const simulator = {
  group: ['**/simulator', '**/simulator/**'],
  message: 'Product code reaches the simulated tenant only over HTTPS; only src/demo and tests start it.',
};
const botbuilder = {
  group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
  message: 'Only src/teams/ imports botbuilder (a later move to the Agents SDK stays small).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'devTools/**', '.azurite/**', 'jest.config.js', 'appPackage/build/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': ['error', { patterns: [simulator, botbuilder] }],
    },
  },
  { files: ['src/teams/**'], rules: { 'no-restricted-imports': ['error', { patterns: [simulator] }] } },
  { files: ['src/simulator/**', 'src/demo/**', 'test/**', 'bench/**', 'scripts/**'], rules: { 'no-restricted-imports': 'off' } },
);
