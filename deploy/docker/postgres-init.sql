-- One database per service (a service never reads another's tables).
CREATE DATABASE patrol;
CREATE DATABASE enforcement;
CREATE DATABASE institutions;
CREATE DATABASE risk;
CREATE DATABASE oversight;
CREATE DATABASE inspections;
