//! One request type per ArchivesSpace route (323 routes of ArchivesSpace
//! v4.2.1).
//!
//! Each request is a plain struct: a public field per parameter, and `new`
//! taking the required ones (optional parameters start as `None` or empty,
//! and are then left out of the request). It implements
//! [`Request`](crate::request::Request): the method, the path with its
//! parameters filled in (text percent-encoded), the query (Rack's encoding:
//! arrays as `name[]=a&name[]=b`), the body, and the response type. Nothing is
//! sent here; the `archivesspace` crate's client sends any `Request`.
//!
//! ```
//! use archivesspace_api::requests::accessions;
//! use archivesspace_api::request::Request;
//!
//! let mut get = accessions::Get::new(2, 7);
//! get.resolve = vec!["subjects".into()];
//! assert_eq!(get.path(), "/repositories/2/accessions/7");
//! assert_eq!(get.query().pairs().collect::<Vec<_>>(), [("resolve[]", "subjects")]);
//! ```
//!
//! # Names
//!
//! A request is named after its route's method and URI, never after which
//! other routes exist, so a route added to ArchivesSpace never renames
//! another:
//!
//! - `/repositories/:repo_id` is dropped from the front of a longer path:
//!   `/repositories/:repo_id/accessions/:id` is named like `/accessions/:id`.
//!   It stays before these segments, which are under `repositories`
//!   (`repositories::Search`, `repositories::users::Get`):
//!   `search`, `transfer`, `position`, `users`.
//! - Every literal segment is a module (`-` and `.` become `_`, a keyword gets
//!   a trailing `_`): `resources::tree`, `by_external_id`, `reports::static_`.
//! - A path ending in a parameter is an item: `Get`, `Update` (`POST`),
//!   `Delete`. Several trailing parameters are added to the name
//!   (`users::UpdateByUsernameToken`).
//! - A path ending in a plural is a collection: `List` (`GET`), `Create`
//!   (`POST`): `accessions::List`, `agents::people::Create`,
//!   `archival_objects::children::List`.
//! - Any other last segment is the type's name, prefixed with the method
//!   unless it is a `GET`: `resources::tree::Root`, `users::PostLogin`,
//!   `archival_objects::PostPublish`, `digital_objects::dublin_core::Xml`
//!   (`:id.xml`). A route of one such segment is named after its method:
//!   `version::Get`, `search::Post`.
//!
//! # Parameters
//!
//! Types follow the declarations: `Integer` is `i64`, `NonNegativeInteger`
//! `u64`, `BooleanParam` `bool`, `String` and `Username` `String`, `[T]` a
//! `Vec`, `JSONModel(:x)` the record type (sent as JSON text when it is not
//! the body), `body_stream` the body's bytes, `UploadFile` an
//! [`UploadFile`]. A parameter ArchivesSpace declares without a type is a
//! `String`. Parameters of a `GET` or `DELETE`, and of a `POST` with a JSON
//! body, go in the query; a `POST` without a body sends them as a form (never
//! in the URL, where passwords and long searches would end up in logs), and
//! a route taking files as `multipart/form-data`.
//!
//! Paginated listings (`List` of most records) also have `page` (from 1),
//! `page_size` (at most 250), `modified_since`, `sort_field`,
//! `sort_direction` and `resolve`, and implement
//! [`PaginatedRequest`](crate::request::PaginatedRequest), whose `all_ids()`
//! and `by_ids(..)` ask for every id and for given ids (`id_set`, one comma
//! list) instead of a page. Paged routes (searches) have `page` and
//! `page_size`.
//!
//! # Responses
//!
//! The `200` return of the declaration: `(:accession)` is
//! [`Accession`](crate::Accession), `[(:accession)]` a `Vec` (a
//! [`Page`](crate::request::Page) for paginated listings), creates and
//! updates [`Modified`], deletes [`Deleted`], suppression [`Suppressed`], any
//! other text `serde_json::Value`. Routes that answer XML, CSV, files or
//! plain text give a [`RawResponse`]. Where ArchivesSpace's declaration is
//! wrong (`GET /users` declares resources), the route is typed from what it
//! answers, and its docs say so. Unknown keys in a response never fail
//! decoding.
//!
//! # Index
//!
//! | Route | Request |
//! | --- | --- |
//! | `GET /agents/corporate_entities` | [`agents::corporate_entities::List`] |
//! | `POST /agents/corporate_entities` | [`agents::corporate_entities::Create`] |
//! | `DELETE /agents/corporate_entities/:id` | [`agents::corporate_entities::Delete`] |
//! | `GET /agents/corporate_entities/:id` | [`agents::corporate_entities::Get`] |
//! | `POST /agents/corporate_entities/:id` | [`agents::corporate_entities::Update`] |
//! | `POST /agents/corporate_entities/:id/publish` | [`agents::corporate_entities::PostPublish`] |
//! | `GET /agents/families` | [`agents::families::List`] |
//! | `POST /agents/families` | [`agents::families::Create`] |
//! | `DELETE /agents/families/:id` | [`agents::families::Delete`] |
//! | `GET /agents/families/:id` | [`agents::families::Get`] |
//! | `POST /agents/families/:id` | [`agents::families::Update`] |
//! | `POST /agents/families/:id/publish` | [`agents::families::PostPublish`] |
//! | `GET /agents/people` | [`agents::people::List`] |
//! | `POST /agents/people` | [`agents::people::Create`] |
//! | `DELETE /agents/people/:id` | [`agents::people::Delete`] |
//! | `GET /agents/people/:id` | [`agents::people::Get`] |
//! | `POST /agents/people/:id` | [`agents::people::Update`] |
//! | `POST /agents/people/:id/publish` | [`agents::people::PostPublish`] |
//! | `GET /agents/software` | [`agents::software::List`] |
//! | `POST /agents/software` | [`agents::software::Create`] |
//! | `DELETE /agents/software/:id` | [`agents::software::Delete`] |
//! | `GET /agents/software/:id` | [`agents::software::Get`] |
//! | `POST /agents/software/:id` | [`agents::software::Update`] |
//! | `POST /agents/software/:id/publish` | [`agents::software::PostPublish`] |
//! | `POST /batch_delete` | [`batch_delete::Post`] |
//! | `POST /bulk_archival_object_updater/repositories/:repo_id/generate_spreadsheet` | [`bulk_archival_object_updater::PostGenerateSpreadsheet`] |
//! | `GET /bulk_archival_object_updater/repositories/:repo_id/resources/:id/small_tree` | [`bulk_archival_object_updater::resources::SmallTree`] |
//! | `GET /by-external-id` | [`by_external_id::Get`] |
//! | `GET /config/enumeration_values/:enum_val_id` | [`config::enumeration_values::Get`] |
//! | `POST /config/enumeration_values/:enum_val_id` | [`config::enumeration_values::Update`] |
//! | `POST /config/enumeration_values/:enum_val_id/position` | [`config::enumeration_values::PostPosition`] |
//! | `POST /config/enumeration_values/:enum_val_id/suppressed` | [`config::enumeration_values::PostSuppressed`] |
//! | `GET /config/enumerations` | [`config::enumerations::List`] |
//! | `POST /config/enumerations` | [`config::enumerations::Create`] |
//! | `GET /config/enumerations/:enum_id` | [`config::enumerations::Get`] |
//! | `POST /config/enumerations/:enum_id` | [`config::enumerations::Update`] |
//! | `GET /config/enumerations/csv` | [`config::enumerations::Csv`] |
//! | `POST /config/enumerations/migration` | [`config::enumerations::PostMigration`] |
//! | `GET /config/enumerations/names/:enum_name` | [`config::enumerations::names::Get`] |
//! | `GET /container_profiles` | [`container_profiles::List`] |
//! | `POST /container_profiles` | [`container_profiles::Create`] |
//! | `DELETE /container_profiles/:id` | [`container_profiles::Delete`] |
//! | `GET /container_profiles/:id` | [`container_profiles::Get`] |
//! | `POST /container_profiles/:id` | [`container_profiles::Update`] |
//! | `GET /current_global_preferences` | [`current_global_preferences::List`] |
//! | `GET /date_calculator` | [`date_calculator::Get`] |
//! | `GET /delete-feed` | [`delete_feed::Get`] |
//! | `GET /extent_calculator` | [`extent_calculator::Get`] |
//! | `GET /job_types` | [`job_types::List`] |
//! | `GET /location_profiles` | [`location_profiles::List`] |
//! | `POST /location_profiles` | [`location_profiles::Create`] |
//! | `DELETE /location_profiles/:id` | [`location_profiles::Delete`] |
//! | `GET /location_profiles/:id` | [`location_profiles::Get`] |
//! | `POST /location_profiles/:id` | [`location_profiles::Update`] |
//! | `GET /locations` | [`locations::List`] |
//! | `POST /locations` | [`locations::Create`] |
//! | `DELETE /locations/:id` | [`locations::Delete`] |
//! | `GET /locations/:id` | [`locations::Get`] |
//! | `POST /locations/:id` | [`locations::Update`] |
//! | `POST /locations/batch` | [`locations::PostBatch`] |
//! | `POST /locations/batch_update` | [`locations::PostBatchUpdate`] |
//! | `POST /logout` | [`logout::Post`] |
//! | `POST /merge_requests/agent` | [`merge_requests::PostAgent`] |
//! | `POST /merge_requests/agent_detail` | [`merge_requests::PostAgentDetail`] |
//! | `POST /merge_requests/container_profile` | [`merge_requests::PostContainerProfile`] |
//! | `POST /merge_requests/digital_object` | [`merge_requests::PostDigitalObject`] |
//! | `POST /merge_requests/resource` | [`merge_requests::PostResource`] |
//! | `POST /merge_requests/subject` | [`merge_requests::PostSubject`] |
//! | `POST /merge_requests/top_container` | [`merge_requests::PostTopContainer`] |
//! | `GET /notifications` | [`notifications::List`] |
//! | `GET /oai` | [`oai::Get`] |
//! | `GET /oai_config` | [`oai_config::Get`] |
//! | `POST /oai_config` | [`oai_config::Post`] |
//! | `POST /oai_config/:id` | [`oai_config::Update`] |
//! | `GET /oai_sample` | [`oai_sample::Get`] |
//! | `GET /permissions` | [`permissions::List`] |
//! | `GET /reports` | [`reports::List`] |
//! | `GET /reports/custom_data` | [`reports::CustomData`] |
//! | `GET /reports/static/*` | [`reports::static_::Get`] |
//! | `GET /repositories` | [`repositories::List`] |
//! | `POST /repositories` | [`repositories::Create`] |
//! | `GET /repositories/:id` | [`repositories::Get`] |
//! | `POST /repositories/:id` | [`repositories::Update`] |
//! | `DELETE /repositories/:repo_id` | [`repositories::Delete`] |
//! | `GET /repositories/:repo_id/accessions` | [`accessions::List`] |
//! | `POST /repositories/:repo_id/accessions` | [`accessions::Create`] |
//! | `DELETE /repositories/:repo_id/accessions/:id` | [`accessions::Delete`] |
//! | `GET /repositories/:repo_id/accessions/:id` | [`accessions::Get`] |
//! | `POST /repositories/:repo_id/accessions/:id` | [`accessions::Update`] |
//! | `POST /repositories/:repo_id/accessions/:id/suppressed` | [`accessions::PostSuppressed`] |
//! | `GET /repositories/:repo_id/accessions/:id/top_containers` | [`accessions::top_containers::List`] |
//! | `POST /repositories/:repo_id/accessions/:id/transfer` | [`accessions::PostTransfer`] |
//! | `GET /repositories/:repo_id/agents/corporate_entities/marc21/:id.:fmt/metadata` | [`agents::corporate_entities::marc21::Metadata`] |
//! | `GET /repositories/:repo_id/agents/corporate_entities/marc21/:id.xml` | [`agents::corporate_entities::marc21::Xml`] |
//! | `GET /repositories/:repo_id/agents/families/marc21/:id.:fmt/metadata` | [`agents::families::marc21::Metadata`] |
//! | `GET /repositories/:repo_id/agents/families/marc21/:id.xml` | [`agents::families::marc21::Xml`] |
//! | `GET /repositories/:repo_id/agents/people/marc21/:id.:fmt/metadata` | [`agents::people::marc21::Metadata`] |
//! | `GET /repositories/:repo_id/agents/people/marc21/:id.xml` | [`agents::people::marc21::Xml`] |
//! | `GET /repositories/:repo_id/archival_contexts/corporate_entities/:id.:fmt/metadata` | [`archival_contexts::corporate_entities::Metadata`] |
//! | `GET /repositories/:repo_id/archival_contexts/corporate_entities/:id.xml` | [`archival_contexts::corporate_entities::Xml`] |
//! | `GET /repositories/:repo_id/archival_contexts/families/:id.:fmt/metadata` | [`archival_contexts::families::Metadata`] |
//! | `GET /repositories/:repo_id/archival_contexts/families/:id.xml` | [`archival_contexts::families::Xml`] |
//! | `GET /repositories/:repo_id/archival_contexts/people/:id.:fmt/metadata` | [`archival_contexts::people::Metadata`] |
//! | `GET /repositories/:repo_id/archival_contexts/people/:id.xml` | [`archival_contexts::people::Xml`] |
//! | `GET /repositories/:repo_id/archival_objects` | [`archival_objects::List`] |
//! | `POST /repositories/:repo_id/archival_objects` | [`archival_objects::Create`] |
//! | `DELETE /repositories/:repo_id/archival_objects/:id` | [`archival_objects::Delete`] |
//! | `GET /repositories/:repo_id/archival_objects/:id` | [`archival_objects::Get`] |
//! | `POST /repositories/:repo_id/archival_objects/:id` | [`archival_objects::Update`] |
//! | `POST /repositories/:repo_id/archival_objects/:id/accept_children` | [`archival_objects::PostAcceptChildren`] |
//! | `GET /repositories/:repo_id/archival_objects/:id/ark_name` | [`archival_objects::ArkName`] |
//! | `POST /repositories/:repo_id/archival_objects/:id/ark_name` | [`archival_objects::PostArkName`] |
//! | `GET /repositories/:repo_id/archival_objects/:id/children` | [`archival_objects::children::List`] |
//! | `POST /repositories/:repo_id/archival_objects/:id/children` | [`archival_objects::children::Create`] |
//! | `GET /repositories/:repo_id/archival_objects/:id/models_in_graph` | [`archival_objects::ModelsInGraph`] |
//! | `POST /repositories/:repo_id/archival_objects/:id/parent` | [`archival_objects::PostParent`] |
//! | `GET /repositories/:repo_id/archival_objects/:id/previous` | [`archival_objects::Previous`] |
//! | `POST /repositories/:repo_id/archival_objects/:id/publish` | [`archival_objects::PostPublish`] |
//! | `POST /repositories/:repo_id/archival_objects/:id/suppressed` | [`archival_objects::PostSuppressed`] |
//! | `POST /repositories/:repo_id/archival_objects/:id/unpublish` | [`archival_objects::PostUnpublish`] |
//! | `GET /repositories/:repo_id/assessment_attribute_definitions` | [`assessment_attribute_definitions::List`] |
//! | `POST /repositories/:repo_id/assessment_attribute_definitions` | [`assessment_attribute_definitions::Create`] |
//! | `GET /repositories/:repo_id/assessments` | [`assessments::List`] |
//! | `POST /repositories/:repo_id/assessments` | [`assessments::Create`] |
//! | `DELETE /repositories/:repo_id/assessments/:id` | [`assessments::Delete`] |
//! | `GET /repositories/:repo_id/assessments/:id` | [`assessments::Get`] |
//! | `POST /repositories/:repo_id/assessments/:id` | [`assessments::Update`] |
//! | `POST /repositories/:repo_id/batch_imports` | [`batch_imports::Create`] |
//! | `GET /repositories/:repo_id/classification_terms` | [`classification_terms::List`] |
//! | `POST /repositories/:repo_id/classification_terms` | [`classification_terms::Create`] |
//! | `DELETE /repositories/:repo_id/classification_terms/:id` | [`classification_terms::Delete`] |
//! | `GET /repositories/:repo_id/classification_terms/:id` | [`classification_terms::Get`] |
//! | `POST /repositories/:repo_id/classification_terms/:id` | [`classification_terms::Update`] |
//! | `POST /repositories/:repo_id/classification_terms/:id/accept_children` | [`classification_terms::PostAcceptChildren`] |
//! | `GET /repositories/:repo_id/classification_terms/:id/children` | [`classification_terms::children::List`] |
//! | `POST /repositories/:repo_id/classification_terms/:id/parent` | [`classification_terms::PostParent`] |
//! | `GET /repositories/:repo_id/classifications` | [`classifications::List`] |
//! | `POST /repositories/:repo_id/classifications` | [`classifications::Create`] |
//! | `DELETE /repositories/:repo_id/classifications/:id` | [`classifications::Delete`] |
//! | `GET /repositories/:repo_id/classifications/:id` | [`classifications::Get`] |
//! | `POST /repositories/:repo_id/classifications/:id` | [`classifications::Update`] |
//! | `POST /repositories/:repo_id/classifications/:id/accept_children` | [`classifications::PostAcceptChildren`] |
//! | `GET /repositories/:repo_id/classifications/:id/tree/node` | [`classifications::tree::Node`] |
//! | `GET /repositories/:repo_id/classifications/:id/tree/node_from_root` | [`classifications::tree::NodeFromRoot`] |
//! | `GET /repositories/:repo_id/classifications/:id/tree/root` | [`classifications::tree::Root`] |
//! | `GET /repositories/:repo_id/classifications/:id/tree/waypoint` | [`classifications::tree::Waypoint`] |
//! | `GET /repositories/:repo_id/collection_management/:id` | [`collection_management::Get`] |
//! | `POST /repositories/:repo_id/component_transfers` | [`component_transfers::Create`] |
//! | `GET /repositories/:repo_id/current_preferences` | [`current_preferences::List`] |
//! | `GET /repositories/:repo_id/custom_report_templates` | [`custom_report_templates::List`] |
//! | `POST /repositories/:repo_id/custom_report_templates` | [`custom_report_templates::Create`] |
//! | `DELETE /repositories/:repo_id/custom_report_templates/:id` | [`custom_report_templates::Delete`] |
//! | `GET /repositories/:repo_id/custom_report_templates/:id` | [`custom_report_templates::Get`] |
//! | `POST /repositories/:repo_id/custom_report_templates/:id` | [`custom_report_templates::Update`] |
//! | `GET /repositories/:repo_id/default_values/:record_type` | [`default_values::Get`] |
//! | `POST /repositories/:repo_id/default_values/:record_type` | [`default_values::Update`] |
//! | `GET /repositories/:repo_id/digital_object_components` | [`digital_object_components::List`] |
//! | `POST /repositories/:repo_id/digital_object_components` | [`digital_object_components::Create`] |
//! | `DELETE /repositories/:repo_id/digital_object_components/:id` | [`digital_object_components::Delete`] |
//! | `GET /repositories/:repo_id/digital_object_components/:id` | [`digital_object_components::Get`] |
//! | `POST /repositories/:repo_id/digital_object_components/:id` | [`digital_object_components::Update`] |
//! | `POST /repositories/:repo_id/digital_object_components/:id/accept_children` | [`digital_object_components::PostAcceptChildren`] |
//! | `GET /repositories/:repo_id/digital_object_components/:id/children` | [`digital_object_components::children::List`] |
//! | `POST /repositories/:repo_id/digital_object_components/:id/children` | [`digital_object_components::children::Create`] |
//! | `POST /repositories/:repo_id/digital_object_components/:id/parent` | [`digital_object_components::PostParent`] |
//! | `POST /repositories/:repo_id/digital_object_components/:id/suppressed` | [`digital_object_components::PostSuppressed`] |
//! | `GET /repositories/:repo_id/digital_objects` | [`digital_objects::List`] |
//! | `POST /repositories/:repo_id/digital_objects` | [`digital_objects::Create`] |
//! | `DELETE /repositories/:repo_id/digital_objects/:id` | [`digital_objects::Delete`] |
//! | `GET /repositories/:repo_id/digital_objects/:id` | [`digital_objects::Get`] |
//! | `POST /repositories/:repo_id/digital_objects/:id` | [`digital_objects::Update`] |
//! | `POST /repositories/:repo_id/digital_objects/:id/accept_children` | [`digital_objects::PostAcceptChildren`] |
//! | `POST /repositories/:repo_id/digital_objects/:id/children` | [`digital_objects::children::Create`] |
//! | `POST /repositories/:repo_id/digital_objects/:id/publish` | [`digital_objects::PostPublish`] |
//! | `POST /repositories/:repo_id/digital_objects/:id/suppressed` | [`digital_objects::PostSuppressed`] |
//! | `POST /repositories/:repo_id/digital_objects/:id/transfer` | [`digital_objects::PostTransfer`] |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/node` | [`digital_objects::tree::Node`] |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/node_from_root` | [`digital_objects::tree::NodeFromRoot`] |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/root` | [`digital_objects::tree::Root`] |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/waypoint` | [`digital_objects::tree::Waypoint`] |
//! | `GET /repositories/:repo_id/digital_objects/dublin_core/:id.:fmt/metadata` | [`digital_objects::dublin_core::Metadata`] |
//! | `GET /repositories/:repo_id/digital_objects/dublin_core/:id.xml` | [`digital_objects::dublin_core::Xml`] |
//! | `GET /repositories/:repo_id/digital_objects/mets/:id.:fmt/metadata` | [`digital_objects::mets::Metadata`] |
//! | `GET /repositories/:repo_id/digital_objects/mets/:id.xml` | [`digital_objects::mets::Xml`] |
//! | `GET /repositories/:repo_id/digital_objects/mods/:id.:fmt/metadata` | [`digital_objects::mods::Metadata`] |
//! | `GET /repositories/:repo_id/digital_objects/mods/:id.xml` | [`digital_objects::mods::Xml`] |
//! | `GET /repositories/:repo_id/events` | [`events::List`] |
//! | `POST /repositories/:repo_id/events` | [`events::Create`] |
//! | `DELETE /repositories/:repo_id/events/:id` | [`events::Delete`] |
//! | `GET /repositories/:repo_id/events/:id` | [`events::Get`] |
//! | `POST /repositories/:repo_id/events/:id` | [`events::Update`] |
//! | `POST /repositories/:repo_id/events/:id/suppressed` | [`events::PostSuppressed`] |
//! | `GET /repositories/:repo_id/find_by_id/archival_objects` | [`find_by_id::archival_objects::List`] |
//! | `GET /repositories/:repo_id/find_by_id/digital_object_components` | [`find_by_id::digital_object_components::List`] |
//! | `GET /repositories/:repo_id/find_by_id/digital_objects` | [`find_by_id::digital_objects::List`] |
//! | `GET /repositories/:repo_id/find_by_id/resources` | [`find_by_id::resources::List`] |
//! | `GET /repositories/:repo_id/find_by_id/top_containers` | [`find_by_id::top_containers::List`] |
//! | `GET /repositories/:repo_id/groups` | [`groups::List`] |
//! | `POST /repositories/:repo_id/groups` | [`groups::Create`] |
//! | `DELETE /repositories/:repo_id/groups/:id` | [`groups::Delete`] |
//! | `GET /repositories/:repo_id/groups/:id` | [`groups::Get`] |
//! | `POST /repositories/:repo_id/groups/:id` | [`groups::Update`] |
//! | `GET /repositories/:repo_id/jobs` | [`jobs::List`] |
//! | `POST /repositories/:repo_id/jobs` | [`jobs::Create`] |
//! | `DELETE /repositories/:repo_id/jobs/:id` | [`jobs::Delete`] |
//! | `GET /repositories/:repo_id/jobs/:id` | [`jobs::Get`] |
//! | `POST /repositories/:repo_id/jobs/:id/cancel` | [`jobs::PostCancel`] |
//! | `GET /repositories/:repo_id/jobs/:id/log` | [`jobs::Log`] |
//! | `GET /repositories/:repo_id/jobs/:id/output_files` | [`jobs::output_files::List`] |
//! | `GET /repositories/:repo_id/jobs/:id/output_files/:file_id` | [`jobs::output_files::Get`] |
//! | `GET /repositories/:repo_id/jobs/:id/records` | [`jobs::records::List`] |
//! | `GET /repositories/:repo_id/jobs/active` | [`jobs::Active`] |
//! | `GET /repositories/:repo_id/jobs/archived` | [`jobs::Archived`] |
//! | `GET /repositories/:repo_id/jobs/import_types` | [`jobs::import_types::List`] |
//! | `POST /repositories/:repo_id/jobs_with_files` | [`jobs_with_files::Create`] |
//! | `POST /repositories/:repo_id/position` | [`repositories::PostPosition`] |
//! | `GET /repositories/:repo_id/preferences` | [`preferences::List`] |
//! | `POST /repositories/:repo_id/preferences` | [`preferences::Create`] |
//! | `DELETE /repositories/:repo_id/preferences/:id` | [`preferences::Delete`] |
//! | `GET /repositories/:repo_id/preferences/:id` | [`preferences::Get`] |
//! | `POST /repositories/:repo_id/preferences/:id` | [`preferences::Update`] |
//! | `GET /repositories/:repo_id/preferences/defaults` | [`preferences::defaults::List`] |
//! | `GET /repositories/:repo_id/rde_templates` | [`rde_templates::List`] |
//! | `POST /repositories/:repo_id/rde_templates` | [`rde_templates::Create`] |
//! | `DELETE /repositories/:repo_id/rde_templates/:id` | [`rde_templates::Delete`] |
//! | `GET /repositories/:repo_id/rde_templates/:id` | [`rde_templates::Get`] |
//! | `GET /repositories/:repo_id/required_fields/:record_type` | [`required_fields::Get`] |
//! | `POST /repositories/:repo_id/required_fields/:record_type` | [`required_fields::Update`] |
//! | `GET /repositories/:repo_id/resource_descriptions/:id.:fmt/metadata` | [`resource_descriptions::Metadata`] |
//! | `GET /repositories/:repo_id/resource_descriptions/:id.xml` | [`resource_descriptions::Xml`] |
//! | `GET /repositories/:repo_id/resource_labels/:id.:fmt/metadata` | [`resource_labels::Metadata`] |
//! | `GET /repositories/:repo_id/resource_labels/:id.tsv` | [`resource_labels::Tsv`] |
//! | `GET /repositories/:repo_id/resources` | [`resources::List`] |
//! | `POST /repositories/:repo_id/resources` | [`resources::Create`] |
//! | `DELETE /repositories/:repo_id/resources/:id` | [`resources::Delete`] |
//! | `GET /repositories/:repo_id/resources/:id` | [`resources::Get`] |
//! | `POST /repositories/:repo_id/resources/:id` | [`resources::Update`] |
//! | `POST /repositories/:repo_id/resources/:id/accept_children` | [`resources::PostAcceptChildren`] |
//! | `GET /repositories/:repo_id/resources/:id/ark_name` | [`resources::ArkName`] |
//! | `POST /repositories/:repo_id/resources/:id/ark_name` | [`resources::PostArkName`] |
//! | `POST /repositories/:repo_id/resources/:id/children` | [`resources::children::Create`] |
//! | `GET /repositories/:repo_id/resources/:id/models_in_graph` | [`resources::ModelsInGraph`] |
//! | `GET /repositories/:repo_id/resources/:id/ordered_records` | [`resources::ordered_records::List`] |
//! | `POST /repositories/:repo_id/resources/:id/publish` | [`resources::PostPublish`] |
//! | `POST /repositories/:repo_id/resources/:id/suppressed` | [`resources::PostSuppressed`] |
//! | `GET /repositories/:repo_id/resources/:id/templates/digital_object_creation.csv` | [`resources::templates::DigitalObjectCreationCsv`] |
//! | `GET /repositories/:repo_id/resources/:id/templates/top_container_creation.csv` | [`resources::templates::TopContainerCreationCsv`] |
//! | `GET /repositories/:repo_id/resources/:id/top_containers` | [`resources::top_containers::List`] |
//! | `POST /repositories/:repo_id/resources/:id/transfer` | [`resources::PostTransfer`] |
//! | `GET /repositories/:repo_id/resources/:id/tree/node` | [`resources::tree::Node`] |
//! | `GET /repositories/:repo_id/resources/:id/tree/node_from_root` | [`resources::tree::NodeFromRoot`] |
//! | `GET /repositories/:repo_id/resources/:id/tree/root` | [`resources::tree::Root`] |
//! | `GET /repositories/:repo_id/resources/:id/tree/waypoint` | [`resources::tree::Waypoint`] |
//! | `POST /repositories/:repo_id/resources/:id/unpublish` | [`resources::PostUnpublish`] |
//! | `GET /repositories/:repo_id/resources/marc21/:id.:fmt/metadata` | [`resources::marc21::Metadata`] |
//! | `GET /repositories/:repo_id/resources/marc21/:id.xml` | [`resources::marc21::Xml`] |
//! | `GET /repositories/:repo_id/search` | [`repositories::Search`] |
//! | `POST /repositories/:repo_id/search` | [`repositories::PostSearch`] |
//! | `GET /repositories/:repo_id/top_containers` | [`top_containers::List`] |
//! | `POST /repositories/:repo_id/top_containers` | [`top_containers::Create`] |
//! | `DELETE /repositories/:repo_id/top_containers/:id` | [`top_containers::Delete`] |
//! | `GET /repositories/:repo_id/top_containers/:id` | [`top_containers::Get`] |
//! | `POST /repositories/:repo_id/top_containers/:id` | [`top_containers::Update`] |
//! | `POST /repositories/:repo_id/top_containers/batch/container_profile` | [`top_containers::batch::PostContainerProfile`] |
//! | `POST /repositories/:repo_id/top_containers/batch/ils_holding_id` | [`top_containers::batch::PostIlsHoldingId`] |
//! | `POST /repositories/:repo_id/top_containers/batch/location` | [`top_containers::batch::PostLocation`] |
//! | `POST /repositories/:repo_id/top_containers/bulk/barcodes` | [`top_containers::bulk::barcodes::Create`] |
//! | `POST /repositories/:repo_id/top_containers/bulk/indicators` | [`top_containers::bulk::indicators::Create`] |
//! | `POST /repositories/:repo_id/top_containers/bulk/locations` | [`top_containers::bulk::locations::Create`] |
//! | `GET /repositories/:repo_id/top_containers/search` | [`top_containers::Search`] |
//! | `POST /repositories/:repo_id/transfer` | [`repositories::PostTransfer`] |
//! | `GET /repositories/:repo_id/users/:id` | [`repositories::users::Get`] |
//! | `POST /repositories/with_agent` | [`repositories::PostWithAgent`] |
//! | `GET /repositories/with_agent/:id` | [`repositories::with_agent::Get`] |
//! | `POST /repositories/with_agent/:id` | [`repositories::with_agent::Update`] |
//! | `GET /schemas` | [`schemas::List`] |
//! | `GET /schemas/:schema` | [`schemas::Get`] |
//! | `GET /search` | [`search::Get`] |
//! | `POST /search` | [`search::Post`] |
//! | `GET /search/location_profile` | [`search::LocationProfile`] |
//! | `GET /search/published_tree` | [`search::PublishedTree`] |
//! | `GET /search/record_types_by_repository` | [`search::RecordTypesByRepository`] |
//! | `POST /search/record_types_by_repository` | [`search::PostRecordTypesByRepository`] |
//! | `GET /search/records` | [`search::records::List`] |
//! | `POST /search/records` | [`search::records::Create`] |
//! | `GET /search/repositories` | [`search::repositories::List`] |
//! | `POST /search/repositories` | [`search::repositories::Create`] |
//! | `GET /slug` | [`slug::Get`] |
//! | `GET /space_calculator/buildings` | [`space_calculator::buildings::List`] |
//! | `GET /space_calculator/by_building` | [`space_calculator::ByBuilding`] |
//! | `GET /space_calculator/by_location` | [`space_calculator::ByLocation`] |
//! | `GET /subjects` | [`subjects::List`] |
//! | `POST /subjects` | [`subjects::Create`] |
//! | `DELETE /subjects/:id` | [`subjects::Delete`] |
//! | `GET /subjects/:id` | [`subjects::Get`] |
//! | `POST /subjects/:id` | [`subjects::Update`] |
//! | `GET /system/events` | [`system::events::List`] |
//! | `GET /system/info` | [`system::Info`] |
//! | `GET /system/log` | [`system::Log`] |
//! | `GET /terms` | [`terms::List`] |
//! | `GET /update-feed` | [`update_feed::Get`] |
//! | `POST /update_monitor` | [`update_monitor::Post`] |
//! | `GET /users` | [`users::List`] |
//! | `POST /users` | [`users::Create`] |
//! | `DELETE /users/:id` | [`users::Delete`] |
//! | `GET /users/:id` | [`users::Get`] |
//! | `POST /users/:id` | [`users::Update`] |
//! | `GET /users/:id/activate` | [`users::Activate`] |
//! | `GET /users/:id/deactivate` | [`users::Deactivate`] |
//! | `POST /users/:id/groups` | [`users::groups::Create`] |
//! | `POST /users/:id/password` | [`users::PostPassword`] |
//! | `POST /users/:username/:token` | [`users::UpdateByUsernameToken`] |
//! | `POST /users/:username/become-user` | [`users::PostBecomeUser`] |
//! | `POST /users/:username/login` | [`users::PostLogin`] |
//! | `GET /users/complete` | [`users::Complete`] |
//! | `GET /users/current-user` | [`users::CurrentUser`] |
//! | `POST /users/reset-password` | [`users::PostResetPassword`] |
//! | `GET /version` | [`version::Get`] |
//! | `GET /vocabularies` | [`vocabularies::List`] |
//! | `POST /vocabularies` | [`vocabularies::Create`] |
//! | `GET /vocabularies/:id` | [`vocabularies::Get`] |
//! | `POST /vocabularies/:id` | [`vocabularies::Update`] |
//! | `GET /vocabularies/:id/terms` | [`vocabularies::terms::List`] |
//!
//! Generated by `archivesspace-codegen` from the snapshot's `endpoints.json`; do not edit.

pub use archivesspace_core::responses::*;

pub mod accessions;
pub mod agents;
pub mod archival_contexts;
pub mod archival_objects;
pub mod assessment_attribute_definitions;
pub mod assessments;
pub mod batch_delete;
pub mod batch_imports;
pub mod bulk_archival_object_updater;
pub mod by_external_id;
pub mod classification_terms;
pub mod classifications;
pub mod collection_management;
pub mod component_transfers;
pub mod config;
pub mod container_profiles;
pub mod current_global_preferences;
pub mod current_preferences;
pub mod custom_report_templates;
pub mod date_calculator;
pub mod default_values;
pub mod delete_feed;
pub mod digital_object_components;
pub mod digital_objects;
pub mod events;
pub mod extent_calculator;
pub mod find_by_id;
pub mod groups;
pub mod job_types;
pub mod jobs;
pub mod jobs_with_files;
pub mod location_profiles;
pub mod locations;
pub mod logout;
pub mod merge_requests;
pub mod notifications;
pub mod oai;
pub mod oai_config;
pub mod oai_sample;
pub mod permissions;
pub mod preferences;
pub mod rde_templates;
pub mod reports;
pub mod repositories;
pub mod required_fields;
pub mod resource_descriptions;
pub mod resource_labels;
pub mod resources;
pub mod schemas;
pub mod search;
pub mod slug;
pub mod space_calculator;
pub mod subjects;
pub mod system;
pub mod terms;
pub mod top_containers;
pub mod update_feed;
pub mod update_monitor;
pub mod users;
pub mod version;
pub mod vocabularies;
