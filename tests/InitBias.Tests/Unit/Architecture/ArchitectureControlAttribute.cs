namespace InitBias.Tests.Unit.Architecture;

/// <summary>
/// Marks a type that breaks an architecture rule on purpose (ArchitectureControls): the rules skip it, and each
/// rule's control test checks that the rule, run over it too, reports it, so a rule that can no longer fail is seen.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ArchitectureControlAttribute : Attribute;
