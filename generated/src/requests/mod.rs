//! One request type per ArchivesSpace route (323 routes of ArchivesSpace
//! v4.2.1).
//!
//! Each request is a plain struct: a public field per parameter, and `new`
//! taking the required ones (optional parameters start as `None` or empty,
//! and are then left out of the request). It implements
//! [`Request`](crate::support::Request): the method, the path with its
//! parameters filled in (text percent-encoded), the query (Rack's encoding:
//! arrays as `name[]=a&name[]=b`), the body, and the response type. Nothing is
//! sent here; the `archivesspace` crate's client sends any `Request`.
//!
//! ```
//! use archivesspace_api::requests::accessions;
//! use archivesspace_api::support::Request;
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
//!   It stays where what follows is `search`, `transfer`, `position`, `users`, which are under
//!   `repositories` (`repositories::Search`, `repositories::users::Get`).
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
//! [`PaginatedRequest`](crate::support::PaginatedRequest), whose `all_ids()`
//! and `by_ids(..)` ask for every id and for given ids (`id_set`, one comma
//! list) instead of a page. Paged routes (searches) have `page` and
//! `page_size`.
//!
//! # Responses
//!
//! The `200` return of the declaration: `(:accession)` is
//! [`Accession`](crate::Accession), `[(:accession)]` a `Vec` (a
//! [`Page`](crate::support::Page) for paginated listings), creates and
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
//! | `GET /agents/corporate_entities` | [`agents::corporate_entities::List`](agents::corporate_entities::List) |
//! | `POST /agents/corporate_entities` | [`agents::corporate_entities::Create`](agents::corporate_entities::Create) |
//! | `DELETE /agents/corporate_entities/:id` | [`agents::corporate_entities::Delete`](agents::corporate_entities::Delete) |
//! | `GET /agents/corporate_entities/:id` | [`agents::corporate_entities::Get`](agents::corporate_entities::Get) |
//! | `POST /agents/corporate_entities/:id` | [`agents::corporate_entities::Update`](agents::corporate_entities::Update) |
//! | `POST /agents/corporate_entities/:id/publish` | [`agents::corporate_entities::PostPublish`](agents::corporate_entities::PostPublish) |
//! | `GET /agents/families` | [`agents::families::List`](agents::families::List) |
//! | `POST /agents/families` | [`agents::families::Create`](agents::families::Create) |
//! | `DELETE /agents/families/:id` | [`agents::families::Delete`](agents::families::Delete) |
//! | `GET /agents/families/:id` | [`agents::families::Get`](agents::families::Get) |
//! | `POST /agents/families/:id` | [`agents::families::Update`](agents::families::Update) |
//! | `POST /agents/families/:id/publish` | [`agents::families::PostPublish`](agents::families::PostPublish) |
//! | `GET /agents/people` | [`agents::people::List`](agents::people::List) |
//! | `POST /agents/people` | [`agents::people::Create`](agents::people::Create) |
//! | `DELETE /agents/people/:id` | [`agents::people::Delete`](agents::people::Delete) |
//! | `GET /agents/people/:id` | [`agents::people::Get`](agents::people::Get) |
//! | `POST /agents/people/:id` | [`agents::people::Update`](agents::people::Update) |
//! | `POST /agents/people/:id/publish` | [`agents::people::PostPublish`](agents::people::PostPublish) |
//! | `GET /agents/software` | [`agents::software::List`](agents::software::List) |
//! | `POST /agents/software` | [`agents::software::Create`](agents::software::Create) |
//! | `DELETE /agents/software/:id` | [`agents::software::Delete`](agents::software::Delete) |
//! | `GET /agents/software/:id` | [`agents::software::Get`](agents::software::Get) |
//! | `POST /agents/software/:id` | [`agents::software::Update`](agents::software::Update) |
//! | `POST /agents/software/:id/publish` | [`agents::software::PostPublish`](agents::software::PostPublish) |
//! | `POST /batch_delete` | [`batch_delete::Post`](batch_delete::Post) |
//! | `POST /bulk_archival_object_updater/repositories/:repo_id/generate_spreadsheet` | [`bulk_archival_object_updater::PostGenerateSpreadsheet`](bulk_archival_object_updater::PostGenerateSpreadsheet) |
//! | `GET /bulk_archival_object_updater/repositories/:repo_id/resources/:id/small_tree` | [`bulk_archival_object_updater::resources::SmallTree`](bulk_archival_object_updater::resources::SmallTree) |
//! | `GET /by-external-id` | [`by_external_id::Get`](by_external_id::Get) |
//! | `GET /config/enumeration_values/:enum_val_id` | [`config::enumeration_values::Get`](config::enumeration_values::Get) |
//! | `POST /config/enumeration_values/:enum_val_id` | [`config::enumeration_values::Update`](config::enumeration_values::Update) |
//! | `POST /config/enumeration_values/:enum_val_id/position` | [`config::enumeration_values::PostPosition`](config::enumeration_values::PostPosition) |
//! | `POST /config/enumeration_values/:enum_val_id/suppressed` | [`config::enumeration_values::PostSuppressed`](config::enumeration_values::PostSuppressed) |
//! | `GET /config/enumerations` | [`config::enumerations::List`](config::enumerations::List) |
//! | `POST /config/enumerations` | [`config::enumerations::Create`](config::enumerations::Create) |
//! | `GET /config/enumerations/:enum_id` | [`config::enumerations::Get`](config::enumerations::Get) |
//! | `POST /config/enumerations/:enum_id` | [`config::enumerations::Update`](config::enumerations::Update) |
//! | `GET /config/enumerations/csv` | [`config::enumerations::Csv`](config::enumerations::Csv) |
//! | `POST /config/enumerations/migration` | [`config::enumerations::PostMigration`](config::enumerations::PostMigration) |
//! | `GET /config/enumerations/names/:enum_name` | [`config::enumerations::names::Get`](config::enumerations::names::Get) |
//! | `GET /container_profiles` | [`container_profiles::List`](container_profiles::List) |
//! | `POST /container_profiles` | [`container_profiles::Create`](container_profiles::Create) |
//! | `DELETE /container_profiles/:id` | [`container_profiles::Delete`](container_profiles::Delete) |
//! | `GET /container_profiles/:id` | [`container_profiles::Get`](container_profiles::Get) |
//! | `POST /container_profiles/:id` | [`container_profiles::Update`](container_profiles::Update) |
//! | `GET /current_global_preferences` | [`current_global_preferences::List`](current_global_preferences::List) |
//! | `GET /date_calculator` | [`date_calculator::Get`](date_calculator::Get) |
//! | `GET /delete-feed` | [`delete_feed::Get`](delete_feed::Get) |
//! | `GET /extent_calculator` | [`extent_calculator::Get`](extent_calculator::Get) |
//! | `GET /job_types` | [`job_types::List`](job_types::List) |
//! | `GET /location_profiles` | [`location_profiles::List`](location_profiles::List) |
//! | `POST /location_profiles` | [`location_profiles::Create`](location_profiles::Create) |
//! | `DELETE /location_profiles/:id` | [`location_profiles::Delete`](location_profiles::Delete) |
//! | `GET /location_profiles/:id` | [`location_profiles::Get`](location_profiles::Get) |
//! | `POST /location_profiles/:id` | [`location_profiles::Update`](location_profiles::Update) |
//! | `GET /locations` | [`locations::List`](locations::List) |
//! | `POST /locations` | [`locations::Create`](locations::Create) |
//! | `DELETE /locations/:id` | [`locations::Delete`](locations::Delete) |
//! | `GET /locations/:id` | [`locations::Get`](locations::Get) |
//! | `POST /locations/:id` | [`locations::Update`](locations::Update) |
//! | `POST /locations/batch` | [`locations::PostBatch`](locations::PostBatch) |
//! | `POST /locations/batch_update` | [`locations::PostBatchUpdate`](locations::PostBatchUpdate) |
//! | `POST /logout` | [`logout::Post`](logout::Post) |
//! | `POST /merge_requests/agent` | [`merge_requests::PostAgent`](merge_requests::PostAgent) |
//! | `POST /merge_requests/agent_detail` | [`merge_requests::PostAgentDetail`](merge_requests::PostAgentDetail) |
//! | `POST /merge_requests/container_profile` | [`merge_requests::PostContainerProfile`](merge_requests::PostContainerProfile) |
//! | `POST /merge_requests/digital_object` | [`merge_requests::PostDigitalObject`](merge_requests::PostDigitalObject) |
//! | `POST /merge_requests/resource` | [`merge_requests::PostResource`](merge_requests::PostResource) |
//! | `POST /merge_requests/subject` | [`merge_requests::PostSubject`](merge_requests::PostSubject) |
//! | `POST /merge_requests/top_container` | [`merge_requests::PostTopContainer`](merge_requests::PostTopContainer) |
//! | `GET /notifications` | [`notifications::List`](notifications::List) |
//! | `GET /oai` | [`oai::Get`](oai::Get) |
//! | `GET /oai_config` | [`oai_config::Get`](oai_config::Get) |
//! | `POST /oai_config` | [`oai_config::Post`](oai_config::Post) |
//! | `POST /oai_config/:id` | [`oai_config::Update`](oai_config::Update) |
//! | `GET /oai_sample` | [`oai_sample::Get`](oai_sample::Get) |
//! | `GET /permissions` | [`permissions::List`](permissions::List) |
//! | `GET /reports` | [`reports::List`](reports::List) |
//! | `GET /reports/custom_data` | [`reports::CustomData`](reports::CustomData) |
//! | `GET /reports/static/*` | [`reports::static_::Get`](reports::static_::Get) |
//! | `GET /repositories` | [`repositories::List`](repositories::List) |
//! | `POST /repositories` | [`repositories::Create`](repositories::Create) |
//! | `GET /repositories/:id` | [`repositories::Get`](repositories::Get) |
//! | `POST /repositories/:id` | [`repositories::Update`](repositories::Update) |
//! | `DELETE /repositories/:repo_id` | [`repositories::Delete`](repositories::Delete) |
//! | `GET /repositories/:repo_id/accessions` | [`accessions::List`](accessions::List) |
//! | `POST /repositories/:repo_id/accessions` | [`accessions::Create`](accessions::Create) |
//! | `DELETE /repositories/:repo_id/accessions/:id` | [`accessions::Delete`](accessions::Delete) |
//! | `GET /repositories/:repo_id/accessions/:id` | [`accessions::Get`](accessions::Get) |
//! | `POST /repositories/:repo_id/accessions/:id` | [`accessions::Update`](accessions::Update) |
//! | `POST /repositories/:repo_id/accessions/:id/suppressed` | [`accessions::PostSuppressed`](accessions::PostSuppressed) |
//! | `GET /repositories/:repo_id/accessions/:id/top_containers` | [`accessions::top_containers::List`](accessions::top_containers::List) |
//! | `POST /repositories/:repo_id/accessions/:id/transfer` | [`accessions::PostTransfer`](accessions::PostTransfer) |
//! | `GET /repositories/:repo_id/agents/corporate_entities/marc21/:id.:fmt/metadata` | [`agents::corporate_entities::marc21::Metadata`](agents::corporate_entities::marc21::Metadata) |
//! | `GET /repositories/:repo_id/agents/corporate_entities/marc21/:id.xml` | [`agents::corporate_entities::marc21::Xml`](agents::corporate_entities::marc21::Xml) |
//! | `GET /repositories/:repo_id/agents/families/marc21/:id.:fmt/metadata` | [`agents::families::marc21::Metadata`](agents::families::marc21::Metadata) |
//! | `GET /repositories/:repo_id/agents/families/marc21/:id.xml` | [`agents::families::marc21::Xml`](agents::families::marc21::Xml) |
//! | `GET /repositories/:repo_id/agents/people/marc21/:id.:fmt/metadata` | [`agents::people::marc21::Metadata`](agents::people::marc21::Metadata) |
//! | `GET /repositories/:repo_id/agents/people/marc21/:id.xml` | [`agents::people::marc21::Xml`](agents::people::marc21::Xml) |
//! | `GET /repositories/:repo_id/archival_contexts/corporate_entities/:id.:fmt/metadata` | [`archival_contexts::corporate_entities::Metadata`](archival_contexts::corporate_entities::Metadata) |
//! | `GET /repositories/:repo_id/archival_contexts/corporate_entities/:id.xml` | [`archival_contexts::corporate_entities::Xml`](archival_contexts::corporate_entities::Xml) |
//! | `GET /repositories/:repo_id/archival_contexts/families/:id.:fmt/metadata` | [`archival_contexts::families::Metadata`](archival_contexts::families::Metadata) |
//! | `GET /repositories/:repo_id/archival_contexts/families/:id.xml` | [`archival_contexts::families::Xml`](archival_contexts::families::Xml) |
//! | `GET /repositories/:repo_id/archival_contexts/people/:id.:fmt/metadata` | [`archival_contexts::people::Metadata`](archival_contexts::people::Metadata) |
//! | `GET /repositories/:repo_id/archival_contexts/people/:id.xml` | [`archival_contexts::people::Xml`](archival_contexts::people::Xml) |
//! | `GET /repositories/:repo_id/archival_objects` | [`archival_objects::List`](archival_objects::List) |
//! | `POST /repositories/:repo_id/archival_objects` | [`archival_objects::Create`](archival_objects::Create) |
//! | `DELETE /repositories/:repo_id/archival_objects/:id` | [`archival_objects::Delete`](archival_objects::Delete) |
//! | `GET /repositories/:repo_id/archival_objects/:id` | [`archival_objects::Get`](archival_objects::Get) |
//! | `POST /repositories/:repo_id/archival_objects/:id` | [`archival_objects::Update`](archival_objects::Update) |
//! | `POST /repositories/:repo_id/archival_objects/:id/accept_children` | [`archival_objects::PostAcceptChildren`](archival_objects::PostAcceptChildren) |
//! | `GET /repositories/:repo_id/archival_objects/:id/ark_name` | [`archival_objects::ArkName`](archival_objects::ArkName) |
//! | `POST /repositories/:repo_id/archival_objects/:id/ark_name` | [`archival_objects::PostArkName`](archival_objects::PostArkName) |
//! | `GET /repositories/:repo_id/archival_objects/:id/children` | [`archival_objects::children::List`](archival_objects::children::List) |
//! | `POST /repositories/:repo_id/archival_objects/:id/children` | [`archival_objects::children::Create`](archival_objects::children::Create) |
//! | `GET /repositories/:repo_id/archival_objects/:id/models_in_graph` | [`archival_objects::ModelsInGraph`](archival_objects::ModelsInGraph) |
//! | `POST /repositories/:repo_id/archival_objects/:id/parent` | [`archival_objects::PostParent`](archival_objects::PostParent) |
//! | `GET /repositories/:repo_id/archival_objects/:id/previous` | [`archival_objects::Previous`](archival_objects::Previous) |
//! | `POST /repositories/:repo_id/archival_objects/:id/publish` | [`archival_objects::PostPublish`](archival_objects::PostPublish) |
//! | `POST /repositories/:repo_id/archival_objects/:id/suppressed` | [`archival_objects::PostSuppressed`](archival_objects::PostSuppressed) |
//! | `POST /repositories/:repo_id/archival_objects/:id/unpublish` | [`archival_objects::PostUnpublish`](archival_objects::PostUnpublish) |
//! | `GET /repositories/:repo_id/assessment_attribute_definitions` | [`assessment_attribute_definitions::List`](assessment_attribute_definitions::List) |
//! | `POST /repositories/:repo_id/assessment_attribute_definitions` | [`assessment_attribute_definitions::Create`](assessment_attribute_definitions::Create) |
//! | `GET /repositories/:repo_id/assessments` | [`assessments::List`](assessments::List) |
//! | `POST /repositories/:repo_id/assessments` | [`assessments::Create`](assessments::Create) |
//! | `DELETE /repositories/:repo_id/assessments/:id` | [`assessments::Delete`](assessments::Delete) |
//! | `GET /repositories/:repo_id/assessments/:id` | [`assessments::Get`](assessments::Get) |
//! | `POST /repositories/:repo_id/assessments/:id` | [`assessments::Update`](assessments::Update) |
//! | `POST /repositories/:repo_id/batch_imports` | [`batch_imports::Create`](batch_imports::Create) |
//! | `GET /repositories/:repo_id/classification_terms` | [`classification_terms::List`](classification_terms::List) |
//! | `POST /repositories/:repo_id/classification_terms` | [`classification_terms::Create`](classification_terms::Create) |
//! | `DELETE /repositories/:repo_id/classification_terms/:id` | [`classification_terms::Delete`](classification_terms::Delete) |
//! | `GET /repositories/:repo_id/classification_terms/:id` | [`classification_terms::Get`](classification_terms::Get) |
//! | `POST /repositories/:repo_id/classification_terms/:id` | [`classification_terms::Update`](classification_terms::Update) |
//! | `POST /repositories/:repo_id/classification_terms/:id/accept_children` | [`classification_terms::PostAcceptChildren`](classification_terms::PostAcceptChildren) |
//! | `GET /repositories/:repo_id/classification_terms/:id/children` | [`classification_terms::children::List`](classification_terms::children::List) |
//! | `POST /repositories/:repo_id/classification_terms/:id/parent` | [`classification_terms::PostParent`](classification_terms::PostParent) |
//! | `GET /repositories/:repo_id/classifications` | [`classifications::List`](classifications::List) |
//! | `POST /repositories/:repo_id/classifications` | [`classifications::Create`](classifications::Create) |
//! | `DELETE /repositories/:repo_id/classifications/:id` | [`classifications::Delete`](classifications::Delete) |
//! | `GET /repositories/:repo_id/classifications/:id` | [`classifications::Get`](classifications::Get) |
//! | `POST /repositories/:repo_id/classifications/:id` | [`classifications::Update`](classifications::Update) |
//! | `POST /repositories/:repo_id/classifications/:id/accept_children` | [`classifications::PostAcceptChildren`](classifications::PostAcceptChildren) |
//! | `GET /repositories/:repo_id/classifications/:id/tree/node` | [`classifications::tree::Node`](classifications::tree::Node) |
//! | `GET /repositories/:repo_id/classifications/:id/tree/node_from_root` | [`classifications::tree::NodeFromRoot`](classifications::tree::NodeFromRoot) |
//! | `GET /repositories/:repo_id/classifications/:id/tree/root` | [`classifications::tree::Root`](classifications::tree::Root) |
//! | `GET /repositories/:repo_id/classifications/:id/tree/waypoint` | [`classifications::tree::Waypoint`](classifications::tree::Waypoint) |
//! | `GET /repositories/:repo_id/collection_management/:id` | [`collection_management::Get`](collection_management::Get) |
//! | `POST /repositories/:repo_id/component_transfers` | [`component_transfers::Create`](component_transfers::Create) |
//! | `GET /repositories/:repo_id/current_preferences` | [`current_preferences::List`](current_preferences::List) |
//! | `GET /repositories/:repo_id/custom_report_templates` | [`custom_report_templates::List`](custom_report_templates::List) |
//! | `POST /repositories/:repo_id/custom_report_templates` | [`custom_report_templates::Create`](custom_report_templates::Create) |
//! | `DELETE /repositories/:repo_id/custom_report_templates/:id` | [`custom_report_templates::Delete`](custom_report_templates::Delete) |
//! | `GET /repositories/:repo_id/custom_report_templates/:id` | [`custom_report_templates::Get`](custom_report_templates::Get) |
//! | `POST /repositories/:repo_id/custom_report_templates/:id` | [`custom_report_templates::Update`](custom_report_templates::Update) |
//! | `GET /repositories/:repo_id/default_values/:record_type` | [`default_values::Get`](default_values::Get) |
//! | `POST /repositories/:repo_id/default_values/:record_type` | [`default_values::Update`](default_values::Update) |
//! | `GET /repositories/:repo_id/digital_object_components` | [`digital_object_components::List`](digital_object_components::List) |
//! | `POST /repositories/:repo_id/digital_object_components` | [`digital_object_components::Create`](digital_object_components::Create) |
//! | `DELETE /repositories/:repo_id/digital_object_components/:id` | [`digital_object_components::Delete`](digital_object_components::Delete) |
//! | `GET /repositories/:repo_id/digital_object_components/:id` | [`digital_object_components::Get`](digital_object_components::Get) |
//! | `POST /repositories/:repo_id/digital_object_components/:id` | [`digital_object_components::Update`](digital_object_components::Update) |
//! | `POST /repositories/:repo_id/digital_object_components/:id/accept_children` | [`digital_object_components::PostAcceptChildren`](digital_object_components::PostAcceptChildren) |
//! | `GET /repositories/:repo_id/digital_object_components/:id/children` | [`digital_object_components::children::List`](digital_object_components::children::List) |
//! | `POST /repositories/:repo_id/digital_object_components/:id/children` | [`digital_object_components::children::Create`](digital_object_components::children::Create) |
//! | `POST /repositories/:repo_id/digital_object_components/:id/parent` | [`digital_object_components::PostParent`](digital_object_components::PostParent) |
//! | `POST /repositories/:repo_id/digital_object_components/:id/suppressed` | [`digital_object_components::PostSuppressed`](digital_object_components::PostSuppressed) |
//! | `GET /repositories/:repo_id/digital_objects` | [`digital_objects::List`](digital_objects::List) |
//! | `POST /repositories/:repo_id/digital_objects` | [`digital_objects::Create`](digital_objects::Create) |
//! | `DELETE /repositories/:repo_id/digital_objects/:id` | [`digital_objects::Delete`](digital_objects::Delete) |
//! | `GET /repositories/:repo_id/digital_objects/:id` | [`digital_objects::Get`](digital_objects::Get) |
//! | `POST /repositories/:repo_id/digital_objects/:id` | [`digital_objects::Update`](digital_objects::Update) |
//! | `POST /repositories/:repo_id/digital_objects/:id/accept_children` | [`digital_objects::PostAcceptChildren`](digital_objects::PostAcceptChildren) |
//! | `POST /repositories/:repo_id/digital_objects/:id/children` | [`digital_objects::children::Create`](digital_objects::children::Create) |
//! | `POST /repositories/:repo_id/digital_objects/:id/publish` | [`digital_objects::PostPublish`](digital_objects::PostPublish) |
//! | `POST /repositories/:repo_id/digital_objects/:id/suppressed` | [`digital_objects::PostSuppressed`](digital_objects::PostSuppressed) |
//! | `POST /repositories/:repo_id/digital_objects/:id/transfer` | [`digital_objects::PostTransfer`](digital_objects::PostTransfer) |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/node` | [`digital_objects::tree::Node`](digital_objects::tree::Node) |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/node_from_root` | [`digital_objects::tree::NodeFromRoot`](digital_objects::tree::NodeFromRoot) |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/root` | [`digital_objects::tree::Root`](digital_objects::tree::Root) |
//! | `GET /repositories/:repo_id/digital_objects/:id/tree/waypoint` | [`digital_objects::tree::Waypoint`](digital_objects::tree::Waypoint) |
//! | `GET /repositories/:repo_id/digital_objects/dublin_core/:id.:fmt/metadata` | [`digital_objects::dublin_core::Metadata`](digital_objects::dublin_core::Metadata) |
//! | `GET /repositories/:repo_id/digital_objects/dublin_core/:id.xml` | [`digital_objects::dublin_core::Xml`](digital_objects::dublin_core::Xml) |
//! | `GET /repositories/:repo_id/digital_objects/mets/:id.:fmt/metadata` | [`digital_objects::mets::Metadata`](digital_objects::mets::Metadata) |
//! | `GET /repositories/:repo_id/digital_objects/mets/:id.xml` | [`digital_objects::mets::Xml`](digital_objects::mets::Xml) |
//! | `GET /repositories/:repo_id/digital_objects/mods/:id.:fmt/metadata` | [`digital_objects::mods::Metadata`](digital_objects::mods::Metadata) |
//! | `GET /repositories/:repo_id/digital_objects/mods/:id.xml` | [`digital_objects::mods::Xml`](digital_objects::mods::Xml) |
//! | `GET /repositories/:repo_id/events` | [`events::List`](events::List) |
//! | `POST /repositories/:repo_id/events` | [`events::Create`](events::Create) |
//! | `DELETE /repositories/:repo_id/events/:id` | [`events::Delete`](events::Delete) |
//! | `GET /repositories/:repo_id/events/:id` | [`events::Get`](events::Get) |
//! | `POST /repositories/:repo_id/events/:id` | [`events::Update`](events::Update) |
//! | `POST /repositories/:repo_id/events/:id/suppressed` | [`events::PostSuppressed`](events::PostSuppressed) |
//! | `GET /repositories/:repo_id/find_by_id/archival_objects` | [`find_by_id::archival_objects::List`](find_by_id::archival_objects::List) |
//! | `GET /repositories/:repo_id/find_by_id/digital_object_components` | [`find_by_id::digital_object_components::List`](find_by_id::digital_object_components::List) |
//! | `GET /repositories/:repo_id/find_by_id/digital_objects` | [`find_by_id::digital_objects::List`](find_by_id::digital_objects::List) |
//! | `GET /repositories/:repo_id/find_by_id/resources` | [`find_by_id::resources::List`](find_by_id::resources::List) |
//! | `GET /repositories/:repo_id/find_by_id/top_containers` | [`find_by_id::top_containers::List`](find_by_id::top_containers::List) |
//! | `GET /repositories/:repo_id/groups` | [`groups::List`](groups::List) |
//! | `POST /repositories/:repo_id/groups` | [`groups::Create`](groups::Create) |
//! | `DELETE /repositories/:repo_id/groups/:id` | [`groups::Delete`](groups::Delete) |
//! | `GET /repositories/:repo_id/groups/:id` | [`groups::Get`](groups::Get) |
//! | `POST /repositories/:repo_id/groups/:id` | [`groups::Update`](groups::Update) |
//! | `GET /repositories/:repo_id/jobs` | [`jobs::List`](jobs::List) |
//! | `POST /repositories/:repo_id/jobs` | [`jobs::Create`](jobs::Create) |
//! | `DELETE /repositories/:repo_id/jobs/:id` | [`jobs::Delete`](jobs::Delete) |
//! | `GET /repositories/:repo_id/jobs/:id` | [`jobs::Get`](jobs::Get) |
//! | `POST /repositories/:repo_id/jobs/:id/cancel` | [`jobs::PostCancel`](jobs::PostCancel) |
//! | `GET /repositories/:repo_id/jobs/:id/log` | [`jobs::Log`](jobs::Log) |
//! | `GET /repositories/:repo_id/jobs/:id/output_files` | [`jobs::output_files::List`](jobs::output_files::List) |
//! | `GET /repositories/:repo_id/jobs/:id/output_files/:file_id` | [`jobs::output_files::Get`](jobs::output_files::Get) |
//! | `GET /repositories/:repo_id/jobs/:id/records` | [`jobs::records::List`](jobs::records::List) |
//! | `GET /repositories/:repo_id/jobs/active` | [`jobs::Active`](jobs::Active) |
//! | `GET /repositories/:repo_id/jobs/archived` | [`jobs::Archived`](jobs::Archived) |
//! | `GET /repositories/:repo_id/jobs/import_types` | [`jobs::import_types::List`](jobs::import_types::List) |
//! | `POST /repositories/:repo_id/jobs_with_files` | [`jobs_with_files::Create`](jobs_with_files::Create) |
//! | `POST /repositories/:repo_id/position` | [`repositories::PostPosition`](repositories::PostPosition) |
//! | `GET /repositories/:repo_id/preferences` | [`preferences::List`](preferences::List) |
//! | `POST /repositories/:repo_id/preferences` | [`preferences::Create`](preferences::Create) |
//! | `DELETE /repositories/:repo_id/preferences/:id` | [`preferences::Delete`](preferences::Delete) |
//! | `GET /repositories/:repo_id/preferences/:id` | [`preferences::Get`](preferences::Get) |
//! | `POST /repositories/:repo_id/preferences/:id` | [`preferences::Update`](preferences::Update) |
//! | `GET /repositories/:repo_id/preferences/defaults` | [`preferences::defaults::List`](preferences::defaults::List) |
//! | `GET /repositories/:repo_id/rde_templates` | [`rde_templates::List`](rde_templates::List) |
//! | `POST /repositories/:repo_id/rde_templates` | [`rde_templates::Create`](rde_templates::Create) |
//! | `DELETE /repositories/:repo_id/rde_templates/:id` | [`rde_templates::Delete`](rde_templates::Delete) |
//! | `GET /repositories/:repo_id/rde_templates/:id` | [`rde_templates::Get`](rde_templates::Get) |
//! | `GET /repositories/:repo_id/required_fields/:record_type` | [`required_fields::Get`](required_fields::Get) |
//! | `POST /repositories/:repo_id/required_fields/:record_type` | [`required_fields::Update`](required_fields::Update) |
//! | `GET /repositories/:repo_id/resource_descriptions/:id.:fmt/metadata` | [`resource_descriptions::Metadata`](resource_descriptions::Metadata) |
//! | `GET /repositories/:repo_id/resource_descriptions/:id.xml` | [`resource_descriptions::Xml`](resource_descriptions::Xml) |
//! | `GET /repositories/:repo_id/resource_labels/:id.:fmt/metadata` | [`resource_labels::Metadata`](resource_labels::Metadata) |
//! | `GET /repositories/:repo_id/resource_labels/:id.tsv` | [`resource_labels::Tsv`](resource_labels::Tsv) |
//! | `GET /repositories/:repo_id/resources` | [`resources::List`](resources::List) |
//! | `POST /repositories/:repo_id/resources` | [`resources::Create`](resources::Create) |
//! | `DELETE /repositories/:repo_id/resources/:id` | [`resources::Delete`](resources::Delete) |
//! | `GET /repositories/:repo_id/resources/:id` | [`resources::Get`](resources::Get) |
//! | `POST /repositories/:repo_id/resources/:id` | [`resources::Update`](resources::Update) |
//! | `POST /repositories/:repo_id/resources/:id/accept_children` | [`resources::PostAcceptChildren`](resources::PostAcceptChildren) |
//! | `GET /repositories/:repo_id/resources/:id/ark_name` | [`resources::ArkName`](resources::ArkName) |
//! | `POST /repositories/:repo_id/resources/:id/ark_name` | [`resources::PostArkName`](resources::PostArkName) |
//! | `POST /repositories/:repo_id/resources/:id/children` | [`resources::children::Create`](resources::children::Create) |
//! | `GET /repositories/:repo_id/resources/:id/models_in_graph` | [`resources::ModelsInGraph`](resources::ModelsInGraph) |
//! | `GET /repositories/:repo_id/resources/:id/ordered_records` | [`resources::ordered_records::List`](resources::ordered_records::List) |
//! | `POST /repositories/:repo_id/resources/:id/publish` | [`resources::PostPublish`](resources::PostPublish) |
//! | `POST /repositories/:repo_id/resources/:id/suppressed` | [`resources::PostSuppressed`](resources::PostSuppressed) |
//! | `GET /repositories/:repo_id/resources/:id/templates/digital_object_creation.csv` | [`resources::templates::DigitalObjectCreationCsv`](resources::templates::DigitalObjectCreationCsv) |
//! | `GET /repositories/:repo_id/resources/:id/templates/top_container_creation.csv` | [`resources::templates::TopContainerCreationCsv`](resources::templates::TopContainerCreationCsv) |
//! | `GET /repositories/:repo_id/resources/:id/top_containers` | [`resources::top_containers::List`](resources::top_containers::List) |
//! | `POST /repositories/:repo_id/resources/:id/transfer` | [`resources::PostTransfer`](resources::PostTransfer) |
//! | `GET /repositories/:repo_id/resources/:id/tree/node` | [`resources::tree::Node`](resources::tree::Node) |
//! | `GET /repositories/:repo_id/resources/:id/tree/node_from_root` | [`resources::tree::NodeFromRoot`](resources::tree::NodeFromRoot) |
//! | `GET /repositories/:repo_id/resources/:id/tree/root` | [`resources::tree::Root`](resources::tree::Root) |
//! | `GET /repositories/:repo_id/resources/:id/tree/waypoint` | [`resources::tree::Waypoint`](resources::tree::Waypoint) |
//! | `POST /repositories/:repo_id/resources/:id/unpublish` | [`resources::PostUnpublish`](resources::PostUnpublish) |
//! | `GET /repositories/:repo_id/resources/marc21/:id.:fmt/metadata` | [`resources::marc21::Metadata`](resources::marc21::Metadata) |
//! | `GET /repositories/:repo_id/resources/marc21/:id.xml` | [`resources::marc21::Xml`](resources::marc21::Xml) |
//! | `GET /repositories/:repo_id/search` | [`repositories::Search`](repositories::Search) |
//! | `POST /repositories/:repo_id/search` | [`repositories::PostSearch`](repositories::PostSearch) |
//! | `GET /repositories/:repo_id/top_containers` | [`top_containers::List`](top_containers::List) |
//! | `POST /repositories/:repo_id/top_containers` | [`top_containers::Create`](top_containers::Create) |
//! | `DELETE /repositories/:repo_id/top_containers/:id` | [`top_containers::Delete`](top_containers::Delete) |
//! | `GET /repositories/:repo_id/top_containers/:id` | [`top_containers::Get`](top_containers::Get) |
//! | `POST /repositories/:repo_id/top_containers/:id` | [`top_containers::Update`](top_containers::Update) |
//! | `POST /repositories/:repo_id/top_containers/batch/container_profile` | [`top_containers::batch::PostContainerProfile`](top_containers::batch::PostContainerProfile) |
//! | `POST /repositories/:repo_id/top_containers/batch/ils_holding_id` | [`top_containers::batch::PostIlsHoldingId`](top_containers::batch::PostIlsHoldingId) |
//! | `POST /repositories/:repo_id/top_containers/batch/location` | [`top_containers::batch::PostLocation`](top_containers::batch::PostLocation) |
//! | `POST /repositories/:repo_id/top_containers/bulk/barcodes` | [`top_containers::bulk::barcodes::Create`](top_containers::bulk::barcodes::Create) |
//! | `POST /repositories/:repo_id/top_containers/bulk/indicators` | [`top_containers::bulk::indicators::Create`](top_containers::bulk::indicators::Create) |
//! | `POST /repositories/:repo_id/top_containers/bulk/locations` | [`top_containers::bulk::locations::Create`](top_containers::bulk::locations::Create) |
//! | `GET /repositories/:repo_id/top_containers/search` | [`top_containers::Search`](top_containers::Search) |
//! | `POST /repositories/:repo_id/transfer` | [`repositories::PostTransfer`](repositories::PostTransfer) |
//! | `GET /repositories/:repo_id/users/:id` | [`repositories::users::Get`](repositories::users::Get) |
//! | `POST /repositories/with_agent` | [`repositories::PostWithAgent`](repositories::PostWithAgent) |
//! | `GET /repositories/with_agent/:id` | [`repositories::with_agent::Get`](repositories::with_agent::Get) |
//! | `POST /repositories/with_agent/:id` | [`repositories::with_agent::Update`](repositories::with_agent::Update) |
//! | `GET /schemas` | [`schemas::List`](schemas::List) |
//! | `GET /schemas/:schema` | [`schemas::Get`](schemas::Get) |
//! | `GET /search` | [`search::Get`](search::Get) |
//! | `POST /search` | [`search::Post`](search::Post) |
//! | `GET /search/location_profile` | [`search::LocationProfile`](search::LocationProfile) |
//! | `GET /search/published_tree` | [`search::PublishedTree`](search::PublishedTree) |
//! | `GET /search/record_types_by_repository` | [`search::RecordTypesByRepository`](search::RecordTypesByRepository) |
//! | `POST /search/record_types_by_repository` | [`search::PostRecordTypesByRepository`](search::PostRecordTypesByRepository) |
//! | `GET /search/records` | [`search::records::List`](search::records::List) |
//! | `POST /search/records` | [`search::records::Create`](search::records::Create) |
//! | `GET /search/repositories` | [`search::repositories::List`](search::repositories::List) |
//! | `POST /search/repositories` | [`search::repositories::Create`](search::repositories::Create) |
//! | `GET /slug` | [`slug::Get`](slug::Get) |
//! | `GET /space_calculator/buildings` | [`space_calculator::buildings::List`](space_calculator::buildings::List) |
//! | `GET /space_calculator/by_building` | [`space_calculator::ByBuilding`](space_calculator::ByBuilding) |
//! | `GET /space_calculator/by_location` | [`space_calculator::ByLocation`](space_calculator::ByLocation) |
//! | `GET /subjects` | [`subjects::List`](subjects::List) |
//! | `POST /subjects` | [`subjects::Create`](subjects::Create) |
//! | `DELETE /subjects/:id` | [`subjects::Delete`](subjects::Delete) |
//! | `GET /subjects/:id` | [`subjects::Get`](subjects::Get) |
//! | `POST /subjects/:id` | [`subjects::Update`](subjects::Update) |
//! | `GET /system/events` | [`system::events::List`](system::events::List) |
//! | `GET /system/info` | [`system::Info`](system::Info) |
//! | `GET /system/log` | [`system::Log`](system::Log) |
//! | `GET /terms` | [`terms::List`](terms::List) |
//! | `GET /update-feed` | [`update_feed::Get`](update_feed::Get) |
//! | `POST /update_monitor` | [`update_monitor::Post`](update_monitor::Post) |
//! | `GET /users` | [`users::List`](users::List) |
//! | `POST /users` | [`users::Create`](users::Create) |
//! | `DELETE /users/:id` | [`users::Delete`](users::Delete) |
//! | `GET /users/:id` | [`users::Get`](users::Get) |
//! | `POST /users/:id` | [`users::Update`](users::Update) |
//! | `GET /users/:id/activate` | [`users::Activate`](users::Activate) |
//! | `GET /users/:id/deactivate` | [`users::Deactivate`](users::Deactivate) |
//! | `POST /users/:id/groups` | [`users::groups::Create`](users::groups::Create) |
//! | `POST /users/:id/password` | [`users::PostPassword`](users::PostPassword) |
//! | `POST /users/:username/:token` | [`users::UpdateByUsernameToken`](users::UpdateByUsernameToken) |
//! | `POST /users/:username/become-user` | [`users::PostBecomeUser`](users::PostBecomeUser) |
//! | `POST /users/:username/login` | [`users::PostLogin`](users::PostLogin) |
//! | `GET /users/complete` | [`users::Complete`](users::Complete) |
//! | `GET /users/current-user` | [`users::CurrentUser`](users::CurrentUser) |
//! | `POST /users/reset-password` | [`users::PostResetPassword`](users::PostResetPassword) |
//! | `GET /version` | [`version::Get`](version::Get) |
//! | `GET /vocabularies` | [`vocabularies::List`](vocabularies::List) |
//! | `POST /vocabularies` | [`vocabularies::Create`](vocabularies::Create) |
//! | `GET /vocabularies/:id` | [`vocabularies::Get`](vocabularies::Get) |
//! | `POST /vocabularies/:id` | [`vocabularies::Update`](vocabularies::Update) |
//! | `GET /vocabularies/:id/terms` | [`vocabularies::terms::List`](vocabularies::terms::List) |
//!
//! Generated by `cargo xtask codegen` from `schemas/endpoints.json`; do not edit.

mod common;

pub use common::*;

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
