"""The workflows' pure rules that are not the whistle's own clocks: the working calendar's years."""
